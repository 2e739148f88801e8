package dev.chatharness.conformance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of a target profile. Each is reachable three ways: as a nested key of the YAML or
 * properties profile ({@code rateLimit.message.capacity}), as a system property with the
 * {@code chat.} prefix ({@code chat.rateLimit.message.capacity}) and as an environment variable
 * ({@code CHAT_RATE_LIMIT_MESSAGE_CAPACITY}).
 */
public enum ProfileKey {
    TARGET("target", "base URL of the target, e.g. http://127.0.0.1:8080"),
    SOCKET_PATH("socketPath", "Socket.IO path on the host, as a client's path option, default /socket.io/ "
            + "(behind a path prefix: /prefix/socket.io/)"),
    NAMESPACE("namespace", "Socket.IO namespace, default /"),
    JWT_SECRET("jwtSecret", "HS256 secret to mint tokens for fresh random tenants and users"),
    JWT_ISSUER("jwtIssuer", "iss claim to put in minted tokens, if the target checks it"),
    JWT_AUDIENCE("jwtAudience", "aud claim to put in minted tokens, if the target checks it"),
    CA_CERT("caCert", "PEM file of a CA to trust besides the platform's, e.g. a staging deployment's private CA"),
    INSECURE("insecure", "true to verify neither certificates nor host names (a warning is printed on every run)"),
    HEADERS("headers", "extra headers on every REST call and Socket.IO handshake, 'Name: value' (a YAML list or "
            + "mapping; one a line in the variable or property), e.g. a gateway's API key"),
    TOKENS_FILE("tokensFile", "YAML/JSON file of pre-issued tokens: two tenants with three users each"),
    MESSAGE_CAPACITY("rateLimit.message.capacity", "burst of the message/message-edited bucket, default 20"),
    MESSAGE_REFILL("rateLimit.message.refillPerSecond", "refill of the message bucket per second, default 10"),
    TYPING_CAPACITY("rateLimit.typing.capacity", "burst of the typing bucket, default 10"),
    TYPING_REFILL("rateLimit.typing.refillPerSecond", "refill of the typing bucket per second, default 5"),
    UNSUPPORTED("unsupported", "comma-separated features the target declares unsupported (their tests are skipped)"),
    ALLOWED_ORIGIN("allowedOrigin", "an Origin on the target's allow-list, to check that it is accepted (optional)"),
    EVENT_TIMEOUT("timeout.event", "how long to wait for an expected event or ack, default 5s"),
    CONNECT_TIMEOUT("timeout.connect", "how long to wait for a connection or refusal, default 5s"),
    EXPIRY_TOKEN_TTL("expiryTokenTtl", "lifetime of the short tokens of the expiry tests, default 3s");

    private final String path;
    private final String description;

    ProfileKey(String path, String description) {
        this.path = path;
        this.description = description;
    }

    /** Key inside a profile file, e.g. {@code rateLimit.message.capacity}. */
    public String path() {
        return path;
    }

    /** System property and JUnit configuration parameter, e.g. {@code chat.rateLimit.message.capacity}. */
    public String property() {
        return "chat." + path;
    }

    /** Environment variable, e.g. {@code CHAT_RATE_LIMIT_MESSAGE_CAPACITY}. */
    public String environmentVariable() {
        String snake = path.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_');
        return "CHAT_" + snake.toUpperCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    static Optional<ProfileKey> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }
}
