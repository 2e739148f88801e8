package dev.chatharness.server.support;

import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.RateLimit;
import dev.chatharness.server.config.ServerConfig;

import java.util.concurrent.CountDownLatch;

/**
 * A reference server on a file database in its own JVM, so that a test can kill it like a crash would
 * ({@code Process.destroyForcibly()}, SIGKILL: no shutdown hook, no close). Prints {@code PORT n} when listening.
 */
public final class FileServerMain {
    private FileServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ChatServer server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(Tokens.SECRET).database(args[0])
                .messageRate(new RateLimit(10_000, 10_000)).build());
        System.out.println("PORT " + server.port());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
