package dev.chatharness.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.load.report.FanOutSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short ConnectionStorm: 200 authenticated connections at 100/s, held 3 s. */
class ConnectionStormSmokeTest {

    private static ReferenceTarget target;

    @BeforeAll
    static void start() {
        target = new ReferenceTarget();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    @Timeout(90)
    void opens_and_holds_every_connection_and_measures_connect_latency() {
        SmokeRuns.Run run = SmokeRuns.run(SmokeRuns.smallRun(Scenario.CONNECTIONS, target, "connections")
                .rooms(4).members(50).rate(100).duration(Duration.ofSeconds(3)).maxLost(0L).build());
        FanOutSummary s = run.result().summary();

        assertThat(run.result().status()).as(run.printed()).isEqualTo(LoadResult.Status.PASSED);
        assertThat(s.connections().planned()).isEqualTo(200);
        assertThat(s.connections().connected()).isEqualTo(200);
        assertThat(s.connections().failed()).isZero();
        assertThat(s.connections().connectLatencyMs().count()).isEqualTo(200);
        assertThat(s.connections().connectLatencyMs().p99()).isNotNull();
        if (Files.isReadable(Path.of("/proc/net/netstat"))) { // Linux: the handshake counter is read and reported
            assertThat(s.connections().synRetransmits()).isNotNull().isNotNegative();
        }
    }

    @Test
    @Timeout(60)
    void a_storm_shorter_than_a_second_still_opens_every_socket() {
        // 6 sockets at 20 a second: 300 ms, which Gatling's own ramp (whole seconds) started none of
        SmokeRuns.Run run = SmokeRuns.run(SmokeRuns.smallRun(Scenario.CONNECTIONS, target, "short-storm")
                .rooms(2).members(3).rate(20).duration(Duration.ofSeconds(1)).maxLost(0L).build());

        assertThat(run.result().status()).as(run.printed()).isEqualTo(LoadResult.Status.PASSED);
        assertThat(run.result().summary().connections().connected()).isEqualTo(6);
    }

    @Test
    @Timeout(30)
    void a_wrong_secret_is_an_authentication_setup_failure() {
        LoadResult result = new LoadRunner().run(SmokeRuns.smallRun(Scenario.CONNECTIONS, target, "wrong-secret")
                .jwtSecret("not-the-secret").build(), System.out);
        assertThat(result.status()).isEqualTo(LoadResult.Status.UNREACHABLE);
        assertThat(result.message()).contains("refused the run's token");
    }
}
