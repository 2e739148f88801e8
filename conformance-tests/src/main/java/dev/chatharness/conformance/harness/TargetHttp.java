package dev.chatharness.conformance.harness;

import dev.chatharness.common.net.HttpHeader;
import dev.chatharness.common.net.TlsTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The {@code java.net.http} side of a run, as one client of the target: every REST call, bare long-polling request
 * and raw Engine.IO WebSocket goes through it, so all of them trust the same certificates, carry the same gateway
 * headers and find Socket.IO at the same path.
 *
 * <pre>{@code
 * TargetHttp http = TargetHttp.of(profile, executor);
 * HttpResponse<String> open = http.send(http.request(http.engine("EIO=4&transport=polling")).GET());
 * WebSocket ws = http.webSocket().buildAsync(http.engineWebSocket("EIO=4&transport=websocket"), listener).join();
 * }</pre>
 *
 * It keeps cookies, as a browser does: a balancer that pins a client to one node with a cookie ("sticky sessions")
 * sees every request of this client carry it. {@link #anotherClient()} is a second browser, with cookies of its own.
 */
public final class TargetHttp {

    private final URI base;
    private final String socketPath;
    private final List<HttpHeader> headers;
    private final TlsTrust trust;
    private final Duration connectTimeout;
    private final Executor executor;
    private final HttpClient client;

    private TargetHttp(URI base, String socketPath, List<HttpHeader> headers, TlsTrust trust, Duration connectTimeout,
                       Executor executor) {
        this.base = base;
        this.socketPath = socketPath;
        this.headers = List.copyOf(headers);
        this.trust = trust;
        this.connectTimeout = connectTimeout;
        this.executor = executor;
        // HTTP/1.1: the default offers an h2c upgrade, and engine.io (Node) destroys upgrade requests on paths it does
        // not own after a second, so every Node-hosted target looked unreachable.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).cookieHandler(new CookieManager()).sslContext(trust.sslContext());
        if (executor != null) {
            builder.executor(executor);
        }
        this.client = builder.build();
    }

    /** The client of a run of {@code profile}; {@code executor} (may be null) runs its I/O. */
    public static TargetHttp of(dev.chatharness.conformance.TargetProfile profile, Executor executor) {
        return new TargetHttp(profile.target(), profile.socketPath(), profile.headers(), profile.tlsTrust(),
                profile.connectTimeout(), executor);
    }

    /** A second client of the same target: same trust, headers and path, its own connections and cookies. */
    public TargetHttp anotherClient() {
        return new TargetHttp(base, socketPath, headers, trust, connectTimeout, executor);
    }

    /** The same client at another Socket.IO path: for probing where the endpoint really is. */
    public TargetHttp atSocketPath(String path) {
        return new TargetHttp(base, path, headers, trust, connectTimeout, executor);
    }

    /** The target's base URL (REST lives under it): {@code https://host[:port][/prefix]}. */
    public URI base() {
        return base;
    }

    public String socketPath() {
        return socketPath;
    }

    /** A URL under the base, e.g. {@code rest("/api/v2/conversations")}. */
    public URI rest(String path) {
        return URI.create(base + path);
    }

    /**
     * The Engine.IO endpoint with {@code query}. The socket path is absolute on the host, as the {@code path} option of
     * every Socket.IO client: a base URL's own path (a prefix such as {@code /chat}) does not move it.
     */
    public URI engine(String query) {
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + socketPath + "?" + query);
    }

    /** The Engine.IO endpoint as a {@code ws://} or {@code wss://} URL. */
    public URI engineWebSocket(String query) {
        return URI.create(engine(query).toString().replaceFirst("^http", "ws"));
    }

    /** A request builder that already carries the run's extra headers. */
    public HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        headers.forEach(h -> request.header(h.name(), h.value()));
        return request;
    }

    /** A WebSocket builder that already carries the run's extra headers on its opening handshake. */
    public WebSocket.Builder webSocket() {
        WebSocket.Builder builder = client.newWebSocketBuilder();
        headers.forEach(h -> builder.header(h.name(), h.value()));
        return builder;
    }

    /** Sends and reads the body as UTF-8 text; an I/O failure names the request. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request.method() + " " + request.uri() + " interrupted", e);
        }
    }

    /** The client itself, for callers that handle {@link IOException} themselves. */
    public HttpClient client() {
        return client;
    }

    /** The headers every request carries. */
    public List<HttpHeader> headers() {
        return headers;
    }

    public TlsTrust trust() {
        return trust;
    }
}
