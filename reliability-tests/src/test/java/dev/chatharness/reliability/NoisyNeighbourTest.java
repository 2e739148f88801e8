package dev.chatharness.reliability;

import dev.chatharness.reliability.support.NoisyNeighbour;
import dev.chatharness.reliability.support.ServerProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The noisy neighbour of the issue of 2026-12-06, bounded for the build: 200 sockets of one tenant each emit
 * {@code message} 50 times a second, nearly all past the limit, while four users of another tenant send 5 messages
 * a second each. The server runs in its own JVM at the reference limits (20, 10/s).
 *
 * <p>Checked: nothing of the quiet tenant is lost (every send acked ok, every ack stored, every message delivered
 * to the three others), the flood is refused ({@code rate_limited}) and every flood event is answered, and the
 * quiet tenant's p99 during the flood stays under five seconds. The latencies are printed; the comparison with a
 * Node socket.io server of the contract, measured in the same run, is {@code bench/noisy-neighbour.sh}
 * (docs/reliability.md, section 5). {@code -Dnoisy.*} properties change the shape (see {@link NoisyNeighbour}).
 */
@Timeout(240)
class NoisyNeighbourTest {
    private static final String SECRET = "noisy-neighbour-secret";

    @Test
    @DisplayName("a tenant flooding past its limit costs another tenant nothing: no loss, refusals answered, p99 bounded")
    void flooding_tenant_does_not_starve_the_quiet_one(@TempDir Path dir) throws Exception {
        NoisyNeighbour.Settings settings = NoisyNeighbour.Settings.fromSystemProperties(
                new NoisyNeighbour.Settings(200, 20, 50, 4, 5, Duration.ofSeconds(5), Duration.ofSeconds(5)));
        try (ServerProcess server = ServerProcess.start(dir.resolve("chat"), SECRET, "20:10")) {
            NoisyNeighbour.Result r = NoisyNeighbour.run(server.baseUrl(), SECRET, settings);
            System.out.printf("noisy neighbour (%s): quiet tenant before %s; during %s; p99 ratio %.2f; flood %s;"
                            + " quiet acked %d, stored %d, missed broadcasts %d%n", settings, r.before(), r.during(),
                    r.p99Ratio(), r.flood(), r.quietAcked(), r.quietStored(), r.quietMissedBroadcasts());

            assertThat(r.before().ok()).as("quiet acks ok before the flood").isEqualTo(r.before().sent());
            assertThat(r.during().ok()).as("quiet acks ok during the flood").isEqualTo(r.during().sent());
            assertThat(r.during().sent()).as("quiet sends during the flood").isPositive();
            assertThat(r.quietStored()).as("quiet messages stored = quiet messages acked").isEqualTo(r.quietAcked());
            assertThat(r.quietMissedBroadcasts()).as("quiet messages not delivered to the other quiet users").isZero();
            assertThat(r.flood().unanswered()).as("flood events never answered").isZero();
            assertThat(r.flood().other()).as("flood answers other than ok and rate_limited").isZero();
            assertThat(r.flood().rateLimited()).as("flood events refused")
                    .isGreaterThan(9 * r.flood().ok());
            // Loose on purpose: this only catches a server that stalls the quiet tenant. The build machine is shared,
            // and with a load average of 20 p99s of two seconds were seen; the comparison with Node is the benchmark's.
            assertThat(r.during().ms(99)).as("quiet tenant's p99 during the flood (ms)").isLessThan(5_000);
        }
    }
}
