package dev.chatharness.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.util.function.Consumer;

/** A Javalin app with a {@link SocketIoServer} on a random port of 127.0.0.1, for tests. */
final class TestServer implements AutoCloseable {
    final SocketIoServer io;
    final Javalin app;

    private TestServer(SocketIoServer io, Javalin app) {
        this.io = io;
        this.app = app;
    }

    static TestServer start(SocketIoOptions options, Consumer<SocketIoServer> setup) {
        SocketIoServer io = new SocketIoServer(options, new ObjectMapper());
        setup.accept(io);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            io.install(config);
        }).start("127.0.0.1", 0);
        return new TestServer(io, app);
    }

    static TestServer start(Consumer<SocketIoServer> setup) {
        return start(SocketIoOptions.builder().build(), setup);
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        io.close();
        app.stop();
    }
}
