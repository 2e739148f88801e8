package dev.chatharness.conformance.harness;

import dev.chatharness.conformance.TargetCrash;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the target still answers, and what the suite sent it last: when a test fails, one look at {@code GET
 * /health} tells a failure of the clause from a target that has died, so that the report can name what killed it
 * and the tests that could not run are not counted as failures of their own clauses.
 */
public final class TargetHealth {

    /** What every test sees once the target has died: the mitigation when no input says more. */
    static final String GENERIC_MITIGATION = "A client made the server stop answering: that is a denial of service"
            + " any user can repeat. Reproduce it with the input above, find the unguarded code path in the server's"
            + " log, and refuse such input before it reaches that path (limits on size, depth and argument count),"
            + " so that a bad input costs one connection, never the process.";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final int PROBES = 2;

    private final URI health;
    private final TargetHttp http;
    private volatile LastInput lastInput;
    private volatile LastInput survivedInput;
    private volatile TargetCrash crash;

    TargetHealth(TargetHttp http) {
        this.health = http.rest("/health");
        this.http = http;
    }

    /** Remembers the hostile input about to be sent, so a crash right after it can be blamed on it. */
    public void sending(String trigger, String input, Optional<String> mitigation) {
        lastInput = new LastInput(trigger, input, mitigation);
    }

    /** The input was answered (or refused) and the target seemed to live on: it stays the suspect for the next one. */
    public void survived() {
        survivedInput = lastInput;
        lastInput = null;
    }

    /** The crash, once one has been noticed. */
    public Optional<TargetCrash> crash() {
        return Optional.ofNullable(crash);
    }

    /**
     * After something went wrong in {@code during} (a test's name): is the target still there? If not, the crash is
     * recorded, blamed on the last hostile input when there is one, and returned.
     */
    public Optional<TargetCrash> checkAfterFailure(String during) {
        return checkAfterFailure(during, true);
    }

    /**
     * Like {@link #checkAfterFailure(String)}; {@code inputWasSent} false says the failing step never got its input
     * to the target (no connection at all): the target was already gone, so the input sent before it is to blame.
     */
    public synchronized Optional<TargetCrash> checkAfterFailure(String during, boolean inputWasSent) {
        if (crash != null) {
            return Optional.of(crash);
        }
        if (answers()) {
            return Optional.empty();
        }
        LastInput last = inputWasSent || survivedInput == null ? lastInput : survivedInput;
        crash = last == null
                ? new TargetCrash("test \"" + during + "\"", Optional.empty(), GENERIC_MITIGATION, Instant.now())
                : new TargetCrash(last.trigger(), Optional.of(last.input()), last.mitigation().orElse(GENERIC_MITIGATION),
                        Instant.now());
        return Optional.of(crash);
    }

    /** True when {@code GET /health} gets any HTTP answer within a couple of tries. */
    boolean answers() {
        for (int i = 0; i < PROBES; i++) {
            try {
                http.client().send(http.request(health).timeout(PROBE_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException e) {
                // refused, reset or timed out: try once more, the target may be restarting a worker
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    private record LastInput(String trigger, String input, Optional<String> mitigation) {
    }
}
