package dev.chatharness.reliability.support;

import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.RateLimit;
import dev.chatharness.server.config.ServerConfig;

import java.util.concurrent.CountDownLatch;

/**
 * The reference server as its own JVM, so that a test can kill it for real: {@code ServerMain DB SECRET RATE}
 * ({@code RATE} as {@code CAP:PER_S} for both message buckets). Prints {@code listening on http://127.0.0.1:PORT}
 * once it accepts connections; SIGTERM runs the server's graceful {@link ChatServer#close()} through a shutdown
 * hook, as {@code chat-harness serve} does.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: ServerMain DB_PATH JWT_SECRET MESSAGE_RATE(CAP:PER_S)");
            System.exit(2);
        }
        ChatServer server = ChatServer.start(ServerConfig.builder()
                .port(0)
                .database(args[0])
                .jwtSecret(args[1])
                .messageRate(RateLimit.parse(args[2]))
                .build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("closing");
            System.out.flush();
            try {
                server.close();
                System.out.println("closed");
                System.out.flush();
            } catch (RuntimeException | Error e) {
                e.printStackTrace(System.out);
                System.out.flush();
                throw e;
            } finally {
                stopped.countDown();
            }
        }, "server-main-shutdown"));
        System.out.println("listening on " + server.baseUrl());
        System.out.flush();
        stopped.await();
    }
}
