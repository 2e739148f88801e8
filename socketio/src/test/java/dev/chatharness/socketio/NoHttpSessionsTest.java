package dev.chatharness.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.socketio.testing.RawHttp;
import dev.chatharness.socketio.testing.RawWebSocket;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.session.DefaultSessionCache;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WebSocket connections leave no HTTP session behind")
class NoHttpSessionsTest {

    @Test
    void connecting_and_closing_websockets_retains_no_servlet_session() {
        AtomicReference<ServletContextHandler> context = new AtomicReference<>();
        SocketIoServer io = new SocketIoServer(SocketIoOptions.builder().build(), new ObjectMapper());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            io.install(config);
            config.jetty.modifyServletContextHandler(context::set);
        }).start("127.0.0.1", 0);
        try {
            RawHttp polling = new RawHttp("http://127.0.0.1:" + app.port() + "/socket.io/");
            for (int i = 0; i < 20; i++) {
                try (RawWebSocket ws = RawWebSocket.connect(
                        "ws://127.0.0.1:" + app.port() + "/socket.io/?EIO=4&transport=websocket", true)) {
                    assertThat(ws.nextText()).startsWith("0{\"sid\"");
                }
                String sid = polling.handshake();
                assertThat(polling.post("EIO=4&transport=polling&sid=" + sid, "1").body()).isEqualTo("ok");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> io.sessionCount() == 0);
            // Javalin's WebSocket upgrade, which the layer used to go through, asks the servlet request for its
            // HttpSession; with Jetty's default cache every connection then left one session in memory for good
            // (found by the soak: +55% heap). Neither transport may create one.
            DefaultSessionCache cache = (DefaultSessionCache) context.get().getSessionHandler().getSessionCache();
            assertThat(cache.getSessionsCurrent()).as("HTTP sessions still held in memory").isZero();
        } finally {
            app.stop();
            io.close();
        }
    }
}
