package dev.chatharness.server.lifecycle;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Jetty's part of a graceful shutdown. Without it, stopping Jetty closes every connection at once, and a response
 * still being written (a 201 for a message already stored) is lost. Jetty's {@link GracefulHandler} counts each
 * request until its response is completely written; {@link #awaitResponses} waits for that count to reach zero
 * (requests arriving meanwhile are answered 503) before the server is stopped. Connections that are merely idle
 * are not waited for: they are closed when the server stops.
 */
public final class HttpDrain {
    private final GracefulHandler graceful = new GracefulHandler();

    /** Puts the graceful handler in front of the application. */
    public void install(JavalinConfig cfg) {
        cfg.jetty.modifyServer(server -> server.insertHandler(graceful));
    }

    /**
     * Closes the listening sockets: new connections are refused, open ones (WebSockets, keep-alive) go on, so the
     * requests and events on them can still be answered and the sockets told to disconnect.
     */
    public void stopAccepting(Server server) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                network.close();
            }
        }
    }

    /** Refuses new requests (503) and waits up to {@code limit} for every response in progress to be written. */
    public boolean awaitResponses(Duration limit) throws InterruptedException {
        try {
            graceful.shutdown().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }
}
