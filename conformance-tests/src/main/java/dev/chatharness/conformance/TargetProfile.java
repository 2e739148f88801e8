package dev.chatharness.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.chatharness.common.net.HttpHeader;
import dev.chatharness.common.net.TlsTrust;
import dev.chatharness.common.time.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which target the suite checks and what that target declares about itself; validated once, here.
 *
 * <pre>{@code
 * TargetProfile profile = TargetProfile.load(Path.of("staging.yaml"));        // file, then env, then -D
 * TargetProfile local = TargetProfile.fromEnvironment(Map.of("target", "http://127.0.0.1:8080",
 *                                                           "jwtSecret", "s")); // overrides win
 * }</pre>
 *
 * Sources, lowest precedence first: the profile file, environment variables ({@code CHAT_TARGET}),
 * system properties ({@code chat.target}), then explicit overrides (the CLI's options). Keys are
 * listed in {@link ProfileKey}. Exactly one token source is required: a JWT secret (the suite mints
 * tokens for fresh random tenants) or a tokens file (pre-issued tokens, for staging).
 */
public final class TargetProfile {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final URI target;
    private final String socketPath;
    private final String namespace;
    private final Optional<String> jwtSecret;
    private final Optional<String> jwtIssuer;
    private final Optional<String> jwtAudience;
    private final Optional<Path> tokensFile;
    private final TlsTrust tlsTrust;
    private final List<HttpHeader> headers;
    private final RateLimitSpec messageRate;
    private final RateLimitSpec typingRate;
    private final Set<Feature> unsupported;
    private final Optional<String> allowedOrigin;
    private final Duration eventTimeout;
    private final Duration connectTimeout;
    private final Duration expiryTokenTtl;
    private final Map<ProfileKey, String> raw;

    private TargetProfile(Map<ProfileKey, String> raw) {
        this.raw = Collections.unmodifiableMap(raw);
        this.target = url(require(raw, ProfileKey.TARGET));
        this.socketPath = path(raw.getOrDefault(ProfileKey.SOCKET_PATH, "/socket.io/"), ProfileKey.SOCKET_PATH);
        this.namespace = path(raw.getOrDefault(ProfileKey.NAMESPACE, "/"), ProfileKey.NAMESPACE);
        this.jwtSecret = optional(raw, ProfileKey.JWT_SECRET);
        this.jwtIssuer = optional(raw, ProfileKey.JWT_ISSUER);
        this.jwtAudience = optional(raw, ProfileKey.JWT_AUDIENCE);
        this.tokensFile = optional(raw, ProfileKey.TOKENS_FILE).map(Path::of);
        if (jwtSecret.isPresent() == tokensFile.isPresent()) {
            throw new ProfileException("give exactly one token source: " + ProfileKey.JWT_SECRET.path() + " ("
                    + ProfileKey.JWT_SECRET.environmentVariable() + ") to mint tokens, or " + ProfileKey.TOKENS_FILE.path()
                    + " (" + ProfileKey.TOKENS_FILE.environmentVariable() + ") with pre-issued ones; got "
                    + (jwtSecret.isPresent() ? "both" : "neither"));
        }
        tokensFile.ifPresent(file -> {
            if (!Files.isReadable(file)) {
                throw new ProfileException(ProfileKey.TOKENS_FILE.path() + ": cannot read '" + file + "'");
            }
        });
        this.tlsTrust = trust(raw);
        this.headers = headers(raw);
        this.messageRate = rate(raw, ProfileKey.MESSAGE_CAPACITY, ProfileKey.MESSAGE_REFILL, 20, 10);
        this.typingRate = rate(raw, ProfileKey.TYPING_CAPACITY, ProfileKey.TYPING_REFILL, 10, 5);
        this.unsupported = features(raw.getOrDefault(ProfileKey.UNSUPPORTED, ""));
        this.allowedOrigin = optional(raw, ProfileKey.ALLOWED_ORIGIN);
        this.eventTimeout = duration(raw, ProfileKey.EVENT_TIMEOUT, "5s");
        this.connectTimeout = duration(raw, ProfileKey.CONNECT_TIMEOUT, "5s");
        this.expiryTokenTtl = duration(raw, ProfileKey.EXPIRY_TOKEN_TTL, "3s");
        if (expiryTokenTtl.toMillis() < 1000) {
            throw new ProfileException(ProfileKey.EXPIRY_TOKEN_TTL.path() + " must be at least 1s (JWT exp has "
                    + "second precision), got '" + raw.get(ProfileKey.EXPIRY_TOKEN_TTL) + "'");
        }
    }

    /** The profile file, overridden by environment variables and system properties. */
    public static TargetProfile load(Path file) {
        return resolve(Optional.of(file), System.getenv(), System.getProperties(), Map.of());
    }

    /** Environment variables and system properties only. */
    public static TargetProfile fromEnvironment() {
        return fromEnvironment(Map.of());
    }

    /** Environment variables and system properties, then {@code overrides} (keys as in a profile file). */
    public static TargetProfile fromEnvironment(Map<String, String> overrides) {
        return resolve(Optional.empty(), System.getenv(), System.getProperties(), overrides);
    }

    /**
     * The general form: layers {@code file} (optional), {@code environment}, {@code systemProperties} and
     * {@code overrides} (keys as in a profile file, e.g. {@code target}), each over the one before.
     */
    public static TargetProfile resolve(Optional<Path> file, Map<String, String> environment,
                                        Properties systemProperties, Map<String, String> overrides) {
        Map<ProfileKey, String> raw = new LinkedHashMap<>();
        file.ifPresent(f -> raw.putAll(readFile(f, environment)));
        for (ProfileKey key : ProfileKey.values()) {
            putIfPresent(raw, key, environment.get(key.environmentVariable()));
        }
        for (ProfileKey key : ProfileKey.values()) {
            putIfPresent(raw, key, systemProperties.getProperty(key.property()));
        }
        overrides.forEach((path, value) -> putIfPresent(raw, keyOf(path, "override"), value));
        // A tokens or CA file named in a profile is relative to that profile, as a reader would expect.
        file.ifPresent(f -> {
            for (ProfileKey key : List.of(ProfileKey.TOKENS_FILE, ProfileKey.CA_CERT)) {
                String named = raw.get(key);
                if (named != null && !Path.of(named).isAbsolute() && f.toAbsolutePath().getParent() != null
                        && Files.exists(f.toAbsolutePath().getParent().resolve(named))) {
                    raw.put(key, f.toAbsolutePath().getParent().resolve(named).toString());
                }
            }
        });
        return new TargetProfile(raw);
    }

    /** Rebuilds a profile from {@link #toProperties()}, e.g. from JUnit configuration parameters. */
    public static TargetProfile fromProperties(java.util.function.Function<String, Optional<String>> lookup) {
        Map<ProfileKey, String> raw = new LinkedHashMap<>();
        for (ProfileKey key : ProfileKey.values()) {
            lookup.apply(key.property()).ifPresent(v -> putIfPresent(raw, key, v));
        }
        return new TargetProfile(raw);
    }

    /** Every set key as {@code chat.*} properties, the form the suite reads back inside JUnit. */
    public Map<String, String> toProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        raw.forEach((key, value) -> props.put(key.property(), value));
        return props;
    }

    public URI target() { return target; }
    public String socketPath() { return socketPath; }
    public String namespace() { return namespace; }
    public Optional<String> jwtSecret() { return jwtSecret; }
    public Optional<String> jwtIssuer() { return jwtIssuer; }
    public Optional<String> jwtAudience() { return jwtAudience; }
    public Optional<Path> tokensFile() { return tokensFile; }
    /** Which server certificates to trust: the platform's, plus {@code caCert}, or none checked ({@code insecure}). */
    public TlsTrust tlsTrust() { return tlsTrust; }
    /** Extra headers for every REST call and Socket.IO handshake (a gateway's key). */
    public List<HttpHeader> headers() { return headers; }
    public RateLimitSpec messageRate() { return messageRate; }
    public RateLimitSpec typingRate() { return typingRate; }
    public Set<Feature> unsupported() { return unsupported; }
    public Optional<String> allowedOrigin() { return allowedOrigin; }
    public Duration eventTimeout() { return eventTimeout; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration expiryTokenTtl() { return expiryTokenTtl; }

    /** True when the suite mints its own tokens (a secret is shared), false with pre-issued tokens. */
    public boolean mintsTokens() {
        return jwtSecret.isPresent();
    }

    @Override
    public String toString() {
        return "TargetProfile[target=" + target + ", socketPath=" + socketPath + ", namespace=" + namespace
                + ", tokens=" + (mintsTokens() ? "minted HS256" : "file " + tokensFile.orElseThrow())
                + ", messageRate=" + messageRate + ", typingRate=" + typingRate + ", unsupported=" + unsupported
                + ", eventTimeout=" + eventTimeout + ", trust=" + tlsTrust.describe()
                + ", headers=" + headers.stream().map(HttpHeader::name).toList() + "]";
    }

    private static Map<ProfileKey, String> readFile(Path file, Map<String, String> environment) {
        if (!Files.isReadable(file)) {
            throw new ProfileException("profile file '" + file + "' cannot be read");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Map<ProfileKey, String> raw = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            if (name.endsWith(".properties")) {
                Properties props = new Properties();
                props.load(in);
                for (String path : props.stringPropertyNames()) {
                    String stripped = path.startsWith("chat.") ? path.substring(5) : path;
                    putIfPresent(raw, keyOf(stripped, "profile '" + file + "'"),
                            interpolate(props.getProperty(path), stripped, file, environment));
                }
            } else {
                ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new YAMLMapper();
                JsonNode root = mapper.readTree(in);
                if (root == null || root.isMissingNode() || root.isNull()) {
                    return raw;
                }
                if (!root.isObject()) {
                    throw new ProfileException("profile '" + file + "' must be a mapping of keys to values");
                }
                flatten("", root, raw, file, environment);
            }
        } catch (IOException e) {
            throw new ProfileException("profile '" + file + "' is not valid " + (name.endsWith(".properties")
                    ? "properties" : "YAML/JSON") + ": " + e.getMessage(), e);
        }
        return raw;
    }

    private static void flatten(String prefix, JsonNode node, Map<ProfileKey, String> raw, Path file,
                                Map<String, String> environment) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (path.equals(ProfileKey.HEADERS.path()) && (value.isObject() || value.isArray())) {
                putIfPresent(raw, ProfileKey.HEADERS, interpolate(headerLines(value), path, file, environment));
            } else if (value.isObject()) {
                flatten(path + ".", value, raw, file, environment);
            } else if (value.isArray()) {
                java.util.List<String> items = new java.util.ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                putIfPresent(raw, keyOf(path, "profile '" + file + "'"),
                        interpolate(String.join(",", items), path, file, environment));
            } else if (!value.isNull()) {
                putIfPresent(raw, keyOf(path, "profile '" + file + "'"),
                        interpolate(value.asText(), path, file, environment));
            }
        }
    }

    /** A YAML list of {@code "Name: value"} or a mapping of names to values, as one header a line. */
    private static String headerLines(JsonNode value) {
        List<String> lines = new java.util.ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> lines.add(item.asText()));
        } else {
            value.fields().forEachRemaining(e -> lines.add(e.getKey() + ": " + e.getValue().asText()));
        }
        return String.join("\n", lines);
    }

    /**
     * Replaces each {@code ${NAME}} in a profile file's value with that environment variable, so a
     * profile can be committed while its secrets stay in the CI's secret store.
     */
    static String interpolate(String value, String key, Path file, Map<String, String> environment) {
        Matcher m = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = environment.get(m.group(1));
            if (resolved == null) {
                throw new ProfileException(key + " in profile '" + file + "' names the environment variable "
                        + m.group(1) + ", which is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static ProfileKey keyOf(String path, String where) {
        return ProfileKey.byPath(path).orElseThrow(() -> new ProfileException("unknown key '" + path + "' in " + where
                + "; known keys: " + Arrays.stream(ProfileKey.values()).map(ProfileKey::path)
                .collect(Collectors.joining(", "))));
    }

    private static void putIfPresent(Map<ProfileKey, String> raw, ProfileKey key, String value) {
        if (value != null && !value.isBlank()) {
            raw.put(key, value.trim());
        }
    }

    private static String require(Map<ProfileKey, String> raw, ProfileKey key) {
        String value = raw.get(key);
        if (value == null) {
            throw new ProfileException("missing " + key.path() + " (" + key.description() + "); set it in the profile, as "
                    + key.environmentVariable() + " or as -D" + key.property());
        }
        return value;
    }

    private static Optional<String> optional(Map<ProfileKey, String> raw, ProfileKey key) {
        return Optional.ofNullable(raw.get(key));
    }

    private static URI url(String value) {
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ProfileException(ProfileKey.TARGET.path() + " must be an http:// or https:// URL with a host, got '"
                        + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ProfileException(ProfileKey.TARGET.path() + " is not a URL: '" + value + "'", e);
        }
    }

    private static String path(String value, ProfileKey key) {
        if (!value.startsWith("/")) {
            throw new ProfileException(key.path() + " must start with '/', got '" + value + "'");
        }
        return value;
    }

    private static TlsTrust trust(Map<ProfileKey, String> raw) {
        String insecure = raw.getOrDefault(ProfileKey.INSECURE, "false").toLowerCase(Locale.ROOT);
        if (!insecure.equals("true") && !insecure.equals("false")) {
            throw new ProfileException(ProfileKey.INSECURE.path() + " must be true or false, got '" + insecure + "'");
        }
        try {
            return TlsTrust.of(optional(raw, ProfileKey.CA_CERT).map(Path::of), Boolean.parseBoolean(insecure));
        } catch (IllegalArgumentException e) {
            throw new ProfileException(ProfileKey.CA_CERT.path() + "/" + ProfileKey.INSECURE.path() + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<HttpHeader> headers(Map<ProfileKey, String> raw) {
        try {
            return HttpHeader.parseLines(raw.get(ProfileKey.HEADERS));
        } catch (IllegalArgumentException e) {
            throw new ProfileException(ProfileKey.HEADERS.path() + ": " + e.getMessage(), e);
        }
    }

    private static RateLimitSpec rate(Map<ProfileKey, String> raw, ProfileKey capacity, ProfileKey refill,
                                      int defaultCapacity, double defaultRefill) {
        int cap = defaultCapacity;
        double per = defaultRefill;
        try {
            if (raw.containsKey(capacity)) {
                cap = Integer.parseInt(raw.get(capacity));
            }
        } catch (NumberFormatException e) {
            throw new ProfileException(capacity.path() + " must be a whole number, got '" + raw.get(capacity) + "'");
        }
        try {
            if (raw.containsKey(refill)) {
                per = Double.parseDouble(raw.get(refill));
            }
        } catch (NumberFormatException e) {
            throw new ProfileException(refill.path() + " must be a number, got '" + raw.get(refill) + "'");
        }
        try {
            return new RateLimitSpec(cap, per);
        } catch (ProfileException e) {
            throw new ProfileException(capacity.path() + "/" + refill.path() + ": " + e.getMessage());
        }
    }

    private static Set<Feature> features(String list) {
        Set<Feature> features = new TreeSet<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                features.add(Feature.byName(name.trim()).orElseThrow(() -> new ProfileException(
                        ProfileKey.UNSUPPORTED.path() + ": unknown feature '" + name.trim() + "'; known: "
                                + Arrays.stream(Feature.values()).map(Feature::id).collect(Collectors.joining(", ")))));
            }
        }
        return Collections.unmodifiableSet(features);
    }

    private static Duration duration(Map<ProfileKey, String> raw, ProfileKey key, String fallback) {
        String value = raw.getOrDefault(key, fallback);
        Duration d;
        try {
            d = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ProfileException(key.path() + ": " + e.getMessage());
        }
        if (d.isZero()) {
            throw new ProfileException(key.path() + " must be above zero, got '" + value + "'");
        }
        return d;
    }
}
