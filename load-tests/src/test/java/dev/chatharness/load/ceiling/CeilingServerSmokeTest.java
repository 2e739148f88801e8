package dev.chatharness.load.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.load.LoadOptions;
import dev.chatharness.load.LoadResult;
import dev.chatharness.load.LoadRunner;
import dev.chatharness.load.Scenario;
import dev.chatharness.load.report.FanOutSummary;
import dev.chatharness.server.lifecycle.AcceptQueue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The benchmark's ceiling server must take the unchanged {@code load fanout} and {@code load connections}: a short
 * run of each against it delivers everything, in order, and finds every acknowledged message stored.
 */
class CeilingServerSmokeTest {

    private static final String SECRET = "ceiling-secret-0123456789abcdef0123";
    private static CeilingServer server;

    @BeforeAll
    static void start() {
        server = CeilingServer.start("127.0.0.1", 0, SECRET);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Timeout(90)
    void the_unchanged_fanout_runs_against_it_and_loses_nothing() {
        LoadResult result = run(Scenario.FANOUT, "ceiling-fanout");
        FanOutSummary s = result.summary();

        assertThat(result.status()).isEqualTo(LoadResult.Status.PASSED);
        assertThat(s.connections().connected()).isEqualTo(20);
        assertThat(s.messages().sent()).isBetween(95L, 100L);
        assertThat(s.messages().accepted()).isEqualTo(s.messages().sent());
        assertThat(s.messages().storedOnTarget()).isEqualTo(s.messages().accepted());
        assertThat(s.deliveries().expected()).isEqualTo(4 * s.messages().sent());
        assertThat(s.deliveries().received()).isEqualTo(s.deliveries().expected());
        assertThat(s.deliveries().duplicated()).isZero();
        assertThat(s.deliveries().outOfOrder()).isZero();
    }

    @Test
    @Timeout(90)
    void the_unchanged_connection_storm_connects_every_socket() {
        LoadResult result = run(Scenario.CONNECTIONS, "ceiling-connections");

        assertThat(result.status()).isEqualTo(LoadResult.Status.PASSED);
        assertThat(result.summary().connections().connected()).isEqualTo(20);
        assertThat(result.summary().connections().failed()).isZero();
    }

    @Test
    void it_listens_with_the_reference_servers_backlog_so_storms_compare_alike() {
        assertThat(server.acceptQueueSizes()).isNotEmpty().containsOnly(AcceptQueue.SIZE);
    }

    private static LoadResult run(Scenario scenario, String folder) {
        LoadOptions options = LoadOptions.builder()
                .scenario(scenario)
                .target(URI.create("http://127.0.0.1:" + server.port()))
                .jwtSecret(SECRET)
                .rooms(4).members(5).rate(20)
                .duration(Duration.ofSeconds(5))
                .grace(Duration.ofSeconds(2))
                .reportDir(Path.of("target", "load-smoke", folder))
                .progressInterval(Duration.ofSeconds(2))
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LoadResult result = new LoadRunner().run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        System.out.println(bytes.toString(StandardCharsets.UTF_8));
        return result;
    }
}
