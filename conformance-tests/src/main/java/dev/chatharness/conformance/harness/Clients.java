package dev.chatharness.conformance.harness;

import dev.chatharness.common.net.HttpHeader;
import dev.chatharness.common.net.TlsTrust;
import dev.chatharness.conformance.TargetProfile;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * What all tests of a run share: the profile, its token source and the HTTP clients: {@link TargetHttp}
 * ({@code java.net.http}) for REST and raw Engine.IO, OkHttp for the official socket.io client. Both trust the
 * profile's certificates and send its extra headers. Their threads are daemons, so a CLI run ends as soon as the
 * suite does.
 */
public final class Clients implements AutoCloseable {

    final TargetProfile profile;
    final TokenSource tokens;
    final TargetHttp http;
    final OkHttpClient socketHttp;
    final TargetHealth health;

    /** Builds the clients; a bad tokens file fails here with a {@link dev.chatharness.conformance.ProfileException}. */
    public Clients(TargetProfile profile) {
        this.profile = profile;
        this.tokens = TokenSources.of(profile);
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "conformance-http");
            thread.setDaemon(true);
            return thread;
        });
        this.http = TargetHttp.of(profile, executor);
        Dispatcher dispatcher = new Dispatcher(executor);
        // OkHttp queues a sixth concurrent request to one host by default, and every long-polling socket keeps a
        // GET open: the run's sixth polling socket would wait for a long-poll to end before it could connect.
        dispatcher.setMaxRequests(1024);
        dispatcher.setMaxRequestsPerHost(1024);
        this.socketHttp = okHttp(profile, dispatcher);
        this.health = new TargetHealth(http);
    }

    /** The OkHttp client the socket.io client runs on, with the profile's trust and headers. */
    static OkHttpClient okHttp(TargetProfile profile, Dispatcher dispatcher) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .connectTimeout(profile.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(0, TimeUnit.MILLISECONDS);
        TlsTrust trust = profile.tlsTrust();
        if (!trust.isPlatformDefault()) {
            builder.sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager());
        }
        if (trust.insecure()) {
            builder.hostnameVerifier((host, session) -> true); // OkHttp checks host names itself, apart from JSSE
        }
        List<HttpHeader> headers = profile.headers();
        if (!headers.isEmpty()) {
            builder.addInterceptor(withHeaders(headers));
        }
        return builder.build();
    }

    /** Adds the gateway's headers to every request, the WebSocket handshake included, unless a test set its own. */
    private static Interceptor withHeaders(List<HttpHeader> headers) {
        return chain -> {
            Request.Builder request = chain.request().newBuilder();
            for (HttpHeader h : headers) {
                if (chain.request().header(h.name()) == null) {
                    request.header(h.name(), h.value());
                }
            }
            return chain.proceed(request.build());
        };
    }

    /** A fresh per-test view of the target. */
    public Target newTarget() {
        return new Target(profile, tokens, http, socketHttp, health);
    }

    /** The profile of the run. */
    public TargetProfile profile() {
        return profile;
    }

    /**
     * Cancels what is in flight and drops idle connections, but leaves the executor running: its threads are daemons
     * and end after a minute idle. Shutting it down made a socket.io client that was still closing a long-polling
     * socket have its last request refused synchronously, which engine.io-client 2.x answers by closing again, and
     * again, until its one event thread (shared by every socket of the JVM) dies of a StackOverflowError; every later
     * socket of the JVM then waits forever. Seen once in CI, in the self-test's run against a server without the
     * WebSocket transport.
     */
    @Override
    public void close() {
        socketHttp.dispatcher().cancelAll();
        socketHttp.connectionPool().evictAll();
    }
}
