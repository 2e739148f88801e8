package dev.chatharness.examples;

/**
 * A Chat v2 server the examples are run against: the reference server in this module's tests, any other target in
 * the interop build. {@link Launcher#start} gets the Origin the browser page is served from, which the server must
 * allow, or its handshakes are refused (contract §2.14).
 */
public interface ExampleTarget extends AutoCloseable {

    /** The server's base URL, e.g. {@code http://127.0.0.1:8080}. */
    String url();

    /** The HS256 secret the server shares with its token issuer: the examples mint their users' tokens with it. */
    String jwtSecret();

    @Override
    void close();

    /** Starts a target whose Origin allow-list holds {@code allowedOrigin} (null: no browser involved). */
    @FunctionalInterface
    interface Launcher {
        ExampleTarget start(String allowedOrigin) throws Exception;
    }
}
