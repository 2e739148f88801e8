package dev.chatharness.conformance.harness;

import dev.chatharness.common.token.TokenMinter;
import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.TargetProfile;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Assumptions;

/**
 * Everything one conformance test needs about the target: the profile, users, REST and sockets.
 * Injected into each test by {@link TargetExtension}; the sockets it opened are closed after the test.
 */
public final class Target implements AutoCloseable {

    private final TargetProfile profile;
    private final TokenSource tokens;
    private final ChatApi api;
    private final TargetHttp http;
    private final OkHttpClient socketHttp;
    private final TargetHealth health;
    private final List<ChatSocket> sockets = new ArrayList<>();
    private final List<RawEngineSocket> raws = new ArrayList<>();

    Target(TargetProfile profile, TokenSource tokens, TargetHttp http, OkHttpClient socketHttp, TargetHealth health) {
        this.profile = profile;
        this.tokens = tokens;
        this.api = new ChatApi(new RestClient(http, profile.eventTimeout()), !profile.mintsTokens());
        this.http = http;
        this.socketHttp = socketHttp;
        this.health = health;
    }

    /** Whether the target still answers; tests that send hostile input tell it what they send. */
    public TargetHealth health() {
        return health;
    }

    public TargetProfile profile() {
        return profile;
    }

    public ChatApi api() {
        return api;
    }

    public RestClient rest() {
        return api.rest();
    }

    /** Two tenants of three users; fresh random ids for every call when tokens are minted. */
    public Tenants tenants() {
        return tokens.tenants();
    }

    /** Forged tokens carrying the profile's iss/aud, so each is wrong in one way only. */
    public ForgedTokens forged() {
        return new ForgedTokens(profile.jwtIssuer(), profile.jwtAudience());
    }

    /** The minter, or skips the test (with the reason) when the target's tokens are pre-issued. */
    public TokenMinter minter(String why) {
        Assumptions.assumeTrue(tokens.minter().isPresent(),
                "needs tokens minted with the target's secret (" + why + "); the profile gives pre-issued tokens");
        return tokens.minter().orElseThrow();
    }

    /** Skips the test, with the reason, when the profile declares {@code feature} unsupported. */
    public void assumeSupported(Feature feature) {
        Assumptions.assumeFalse(profile.unsupported().contains(feature),
                "the target declares '" + feature.id() + "' (" + feature.description() + ") unsupported");
    }

    /** Connects {@code user} and fails the test unless the connection is accepted. */
    public ChatSocket connect(User user) {
        return connect(ConnectOptions.as(user));
    }

    /** Connects and fails the test unless the connection is accepted. */
    public ChatSocket connect(ConnectOptions options) {
        ChatSocket socket = open(options);
        ConnectOutcome outcome = socket.outcome();
        if (outcome.kind() != ConnectOutcome.Kind.CONNECTED) {
            throw new AssertionError("expected " + options.label + " to connect to " + profile.target()
                    + profile.socketPath() + ", got " + outcome);
        }
        return socket;
    }

    /**
     * Starts a connection attempt without judging it: read {@link ChatSocket#outcome()}. Each socket keeps its own
     * cookies, as separate browsers do, so a balancer's sticky cookie pins each to its node and the sockets of a run
     * spread over the nodes like the clients of many users.
     */
    public ChatSocket open(ConnectOptions options) {
        OkHttpClient client = socketHttp.newBuilder().cookieJar(new SocketCookies()).build();
        ChatSocket socket = new ChatSocket(origin(), profile.socketPath(), profile.namespace(), options,
                client, profile.eventTimeout(), profile.connectTimeout(),
                !profile.mintsTokens());
        synchronized (sockets) {
            sockets.add(socket);
        }
        return socket;
    }

    /**
     * A raw Engine.IO WebSocket at the Socket.IO path with {@code query} (e.g. {@code EIO=4&transport=websocket}),
     * nothing sent yet; closed after the test.
     */
    public RawEngineSocket rawOpen(String query) {
        RawEngineSocket raw = RawEngineSocket.open(http, http.engineWebSocket(query), profile.connectTimeout());
        synchronized (raws) {
            raws.add(raw);
        }
        return raw;
    }

    /**
     * A raw Engine.IO WebSocket, already through the Engine.IO open and the Socket.IO CONNECT of the
     * profile's namespace with {@code user}'s token.
     */
    public RawEngineSocket rawConnect(User user) {
        RawEngineSocket raw = rawOpen("EIO=4&transport=websocket");
        String open = raw.nextFrame(profile.connectTimeout());
        if (!open.startsWith("0")) {
            throw new AssertionError("expected the Engine.IO open packet, got '" + open + "'");
        }
        raw.send("40" + namespacePrefix() + Json.object("token", user.token()));
        String connected = raw.until(frame -> frame.startsWith("4"), profile.connectTimeout());
        if (connected == null || !connected.startsWith("40")) {
            throw new AssertionError("expected the Socket.IO CONNECT answer for " + user + ", got '" + connected + "'");
        }
        return raw;
    }

    /** Opens a bare long-polling session (Engine.IO only: no Socket.IO CONNECT is sent). */
    public RawPolling rawPolling() {
        return RawPolling.open(http, engineUri("EIO=4&transport=polling"), profile.connectTimeout());
    }

    /** The Engine.IO endpoint over HTTP with {@code query}, e.g. {@code EIO=4&transport=polling&sid=...}. */
    public URI engineUri(String query) {
        return http.engine(query);
    }

    /** The HTTP client of the run, for bare requests. */
    public TargetHttp http() {
        return http;
    }

    /**
     * {@code scheme://host:port} of the target: what a Socket.IO client is given, its path option saying where
     * the endpoint is. (A client given the base URL's path, {@code https://host/chat}, would take {@code /chat}
     * for a namespace.)
     */
    private URI origin() {
        URI base = profile.target();
        return URI.create(base.getScheme() + "://" + base.getRawAuthority());
    }

    /** {@code ""} for the default namespace, {@code "/ns,"} otherwise: what goes between packet type and data. */
    public String namespacePrefix() {
        return "/".equals(profile.namespace()) ? "" : profile.namespace() + ",";
    }

    /** Payloads received by this test's sockets that broke their schema, one line each. */
    List<String> schemaViolations() {
        synchronized (sockets) {
            return sockets.stream().flatMap(s -> s.schemaViolations().stream()
                            .map(r -> s.label() + " got " + r.event() + " breaking its schema: "
                                    + String.join("; ", r.schemaErrors()) + " -- " + Json.brief(r.payload())))
                    .collect(Collectors.toList());
        }
    }

    @Override
    public void close() {
        synchronized (sockets) {
            sockets.forEach(ChatSocket::close);
            sockets.clear();
        }
        synchronized (raws) {
            raws.forEach(RawEngineSocket::close);
            raws.clear();
        }
    }
}
