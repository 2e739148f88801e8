package dev.chatharness.conformance.harness;

import dev.chatharness.conformance.TargetProfile;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * What all tests of a run share: the profile, its token source and the HTTP clients. Their threads
 * are daemons, so a CLI run ends as soon as the suite does.
 */
public final class Clients implements AutoCloseable {

    final TargetProfile profile;
    final TokenSource tokens;
    final HttpClient http;
    final OkHttpClient socketHttp;
    final TargetHealth health;
    private final ExecutorService executor;

    /** Builds the clients; a bad tokens file fails here with a {@link dev.chatharness.conformance.ProfileException}. */
    public Clients(TargetProfile profile) {
        this.profile = profile;
        this.tokens = TokenSources.of(profile);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "conformance-http");
            thread.setDaemon(true);
            return thread;
        });
        // HTTP/1.1: the default offers an h2c upgrade, and engine.io (Node) destroys upgrade requests on paths it does not
        // own after a second, so every Node-hosted target looked unreachable.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(profile.connectTimeout())
                .executor(executor).build();
        this.socketHttp = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(executor))
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .connectTimeout(profile.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .build();
        this.health = new TargetHealth(profile.target(), http);
    }

    /** A fresh per-test view of the target. */
    public Target newTarget() {
        return new Target(profile, tokens, http, socketHttp, health);
    }

    @Override
    public void close() {
        socketHttp.dispatcher().cancelAll();
        socketHttp.connectionPool().evictAll();
        executor.shutdownNow();
    }
}
