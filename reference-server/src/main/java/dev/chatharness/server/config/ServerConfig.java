package dev.chatharness.server.config;

import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a {@code ChatServer} needs, immutable and validated once by {@link Builder#build()}: a bad value
 * fails there with a message that names it, never later in a request.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *     .port(0).jwtSecret("s").database("mem")
 *     .allowedOrigins(List.of("https://chat.example"))
 *     .messageRate(new RateLimit(20, 10)).typingRate(new RateLimit(10, 5))
 *     .build();
 * }</pre>
 */
public final class ServerConfig {
    /** The {@link #database()} value that selects a private in-memory database. */
    public static final String IN_MEMORY = "mem";

    private final String host;
    private final int port;
    private final Optional<String> jwtSecret;
    private final Optional<RSAPublicKey> jwtPublicKey;
    private final Optional<String> jwtIssuer;
    private final Optional<String> jwtAudience;
    private final String database;
    private final List<String> allowedOrigins;
    private final RateLimit messageRate;
    private final RateLimit typingRate;
    private final Duration tokenExpiryCheckInterval;
    private final int maxPayloadBytes;
    private final int dbMaxConnections;
    private final int tenantSlots;
    private final int maxSocketsPerUser;
    private final int maxSocketsPerAddress;
    private final Clock clock;
    private final Faults faults;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.jwtSecret = Optional.ofNullable(b.jwtSecret);
        this.jwtPublicKey = Optional.ofNullable(b.jwtPublicKey);
        this.jwtIssuer = Optional.ofNullable(b.jwtIssuer);
        this.jwtAudience = Optional.ofNullable(b.jwtAudience);
        this.database = b.database;
        this.allowedOrigins = List.copyOf(b.allowedOrigins);
        this.messageRate = b.messageRate;
        this.typingRate = b.typingRate;
        this.tokenExpiryCheckInterval = b.tokenExpiryCheckInterval;
        this.maxPayloadBytes = b.maxPayloadBytes;
        this.dbMaxConnections = b.dbMaxConnections;
        this.tenantSlots = b.tenantSlots != null ? b.tenantSlots : Math.max(1, b.dbMaxConnections / 2);
        this.maxSocketsPerUser = b.maxSocketsPerUser;
        this.maxSocketsPerAddress = b.maxSocketsPerAddress;
        this.clock = b.clock;
        this.faults = Faults.of(b.faults);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Interface to bind, {@code 127.0.0.1} unless told otherwise. */
    public String host() { return host; }
    /** TCP port; 0 picks a free one. */
    public int port() { return port; }
    /** HS256 shared secret, if HS256 tokens are accepted. */
    public Optional<String> jwtSecret() { return jwtSecret; }
    /** RS256 public key, if RS256 tokens are accepted. */
    public Optional<RSAPublicKey> jwtPublicKey() { return jwtPublicKey; }
    /** Required {@code iss}, if configured. */
    public Optional<String> jwtIssuer() { return jwtIssuer; }
    /** Required {@code aud}, if configured. */
    public Optional<String> jwtAudience() { return jwtAudience; }
    /** {@link #IN_MEMORY} or the path of an H2 database file (without the {@code .mv.db} suffix). */
    public String database() { return database; }
    public boolean inMemoryDatabase() { return IN_MEMORY.equals(database); }
    /** Origins allowed on Socket.IO handshakes; empty means every handshake carrying an Origin is refused. */
    public List<String> allowedOrigins() { return allowedOrigins; }
    /** Bucket shared by {@code message} and {@code message-edited} (socket and REST). */
    public RateLimit messageRate() { return messageRate; }
    /** Bucket of {@code typing}. */
    public RateLimit typingRate() { return typingRate; }
    /** How often live connections are checked for an expired token. */
    public Duration tokenExpiryCheckInterval() { return tokenExpiryCheckInterval; }
    /** Engine.IO maxPayload in bytes. */
    public int maxPayloadBytes() { return maxPayloadBytes; }
    public int dbMaxConnections() { return dbMaxConnections; }
    /**
     * Events and REST requests of one tenant that may be inside the services at once (holding locks and database
     * connections); more wait for the tenant's own. Half the database pool unless set.
     */
    public int tenantSlots() { return tenantSlots; }
    /** Most Socket.IO connections one user (tenant and sub) may hold at once; more are refused rate_limited. */
    public int maxSocketsPerUser() { return maxSocketsPerUser; }
    /** Most Socket.IO connections one peer address may hold at once; more are refused rate_limited. */
    public int maxSocketsPerAddress() { return maxSocketsPerAddress; }
    /** Source of every timestamp and of rate-limit refills; tests pass a controllable one. */
    public Clock clock() { return clock; }
    /** Deliberate defects; empty except in the conformance suite's self-test. */
    public Faults faults() { return faults; }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", jwt=" + (jwtSecret.isPresent() ? "HS256" : "")
                + (jwtPublicKey.isPresent() ? " RS256" : "") + ", iss=" + jwtIssuer.orElse("-") + ", aud="
                + jwtAudience.orElse("-") + ", database=" + database + ", allowedOrigins=" + allowedOrigins
                + ", messageRate=" + messageRate + ", typingRate=" + typingRate + ", maxSocketsPerUser=" + maxSocketsPerUser
                + ", maxSocketsPerAddress=" + maxSocketsPerAddress + ", faults=" + faults + "]";
    }

    /** Collects settings; {@link #build()} validates them all at once. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String jwtSecret;
        private RSAPublicKey jwtPublicKey;
        private String jwtIssuer;
        private String jwtAudience;
        private String database = IN_MEMORY;
        private List<String> allowedOrigins = List.of();
        private RateLimit messageRate = new RateLimit(20, 10);
        private RateLimit typingRate = new RateLimit(10, 5);
        private Duration tokenExpiryCheckInterval = Duration.ofSeconds(1);
        private int maxPayloadBytes = 1_000_000;
        private int dbMaxConnections = 32;
        private Integer tenantSlots;
        private int maxSocketsPerUser = 50;
        // High: the harness's own load tests open thousands of sockets from one loopback address.
        private int maxSocketsPerAddress = 20_000;
        private Clock clock = Clock.systemUTC();
        private Set<Fault> faults = Set.of();

        private Builder() {
        }

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder jwtSecret(String secret) { this.jwtSecret = secret; return this; }
        public Builder jwtPublicKey(RSAPublicKey key) { this.jwtPublicKey = key; return this; }
        public Builder jwtIssuer(String issuer) { this.jwtIssuer = issuer; return this; }
        public Builder jwtAudience(String audience) { this.jwtAudience = audience; return this; }
        public Builder database(String database) { this.database = database; return this; }
        public Builder allowedOrigins(List<String> origins) { this.allowedOrigins = origins; return this; }
        public Builder messageRate(RateLimit limit) { this.messageRate = limit; return this; }
        public Builder typingRate(RateLimit limit) { this.typingRate = limit; return this; }
        public Builder tokenExpiryCheckInterval(Duration interval) { this.tokenExpiryCheckInterval = interval; return this; }
        public Builder maxPayloadBytes(int bytes) { this.maxPayloadBytes = bytes; return this; }
        public Builder dbMaxConnections(int connections) { this.dbMaxConnections = connections; return this; }
        public Builder tenantSlots(int slots) { this.tenantSlots = slots; return this; }
        public Builder maxSocketsPerUser(int sockets) { this.maxSocketsPerUser = sockets; return this; }
        public Builder maxSocketsPerAddress(int sockets) { this.maxSocketsPerAddress = sockets; return this; }
        public Builder clock(Clock clock) { this.clock = clock; return this; }
        /** Test-only: deliberate defects (see {@link Fault}). */
        public Builder faults(Set<Fault> faults) { this.faults = faults; return this; }

        public ServerConfig build() {
            require(host != null && !host.isBlank(), "host must not be blank, got '" + host + "'");
            require(port >= 0 && port <= 65535, "port must be between 0 and 65535, got " + port);
            require(jwtSecret != null || jwtPublicKey != null,
                    "a JWT secret (HS256) or public key (RS256) is required");
            require(jwtSecret == null || !jwtSecret.isEmpty(), "JWT secret must not be empty");
            require(jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length <= 4096,
                    "JWT secret must be at most 4096 bytes");
            require(jwtIssuer == null || !jwtIssuer.isBlank(), "JWT issuer must not be blank when given");
            require(jwtAudience == null || !jwtAudience.isBlank(), "JWT audience must not be blank when given");
            require(database != null && !database.isBlank(),
                    "database must be '" + IN_MEMORY + "' or a file path, got '" + database + "'");
            require(allowedOrigins != null, "allowed origins must not be null (use an empty list)");
            for (String origin : allowedOrigins) {
                require(origin != null && !origin.isBlank() && !origin.endsWith("/"),
                        "allowed origin must look like scheme://host[:port] without a trailing slash, got '" + origin + "'");
            }
            require(messageRate != null, "message rate limit must not be null");
            require(typingRate != null, "typing rate limit must not be null");
            require(tokenExpiryCheckInterval != null && !tokenExpiryCheckInterval.isNegative()
                            && !tokenExpiryCheckInterval.isZero()
                            && tokenExpiryCheckInterval.compareTo(Duration.ofSeconds(4)) <= 0,
                    "token expiry check interval must be between 1 ms and 4 s (expired sockets must go within 5 s), got "
                            + tokenExpiryCheckInterval);
            require(maxPayloadBytes >= 1024, "max payload must be at least 1024 bytes, got " + maxPayloadBytes);
            require(dbMaxConnections >= 1, "database connections must be at least 1, got " + dbMaxConnections);
            require(tenantSlots == null || tenantSlots >= 1, "tenant slots must be at least 1, got " + tenantSlots);
            require(maxSocketsPerUser >= 1, "max sockets per user must be at least 1, got " + maxSocketsPerUser);
            require(maxSocketsPerAddress >= 1, "max sockets per address must be at least 1, got " + maxSocketsPerAddress);
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(faults, "faults");
            return new ServerConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
