package dev.chatharness.server.lifecycle;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The listening socket's backlog: how many connections the kernel holds, handshaken, until the server accepts
 * them. Jetty leaves it to the JDK, whose default is 50. In a reconnect storm (every client of a restarted node
 * coming back at once) a queue of 50 overflows within milliseconds; the kernel then drops the client's handshake,
 * and the client only tries again after its SYN retransmission timeout, 1 s, then 3 s: a 2,000-socket storm at
 * 1,000 a second measured 962 such retransmissions and a connect p99 of 5 s, with the server not out of CPU.
 * A longer queue lets those clients wait milliseconds in line instead. The kernel caps it at
 * {@code net.core.somaxconn} (4,096 on current kernels).
 */
public final class AcceptQueue {
    /** Two seconds of a 500-a-second storm, or half a second of 2,000 a second. */
    public static final int SIZE = 1024;

    private AcceptQueue() {
    }

    /** Sets the backlog of every connector once they exist: when the server starts, before they bind. */
    public static void install(JavalinConfig cfg) {
        cfg.jetty.modifyServer(server -> server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof ServerConnector network) {
                        network.setAcceptQueueSize(SIZE);
                    }
                }
            }
        }));
    }
}
