package dev.chatharness.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a scenario's users start: {@code users} spread evenly over a span (the connect phase), in the open model.
 *
 * <p>Gatling 3.15 schedules a ramp in whole seconds: {@code rampUsers(n).during(d)} spreads the users over
 * {@code d} truncated to seconds. A connect phase under a second therefore started nobody (the run ended at once,
 * and Gatling's report then failed on its empty log), and a phase of 2.5 s opened its sockets 25% faster than
 * asked. So the users are injected over the span's whole seconds at the span's rate, and those left over in one
 * more second: never faster than asked, at most one second longer.
 */
final class Arrivals {

    private final int users;
    private final long wholeSeconds;
    private final int inWholeSeconds;

    private Arrivals(int users, long wholeSeconds, int inWholeSeconds) {
        this.users = users;
        this.wholeSeconds = wholeSeconds;
        this.inWholeSeconds = inWholeSeconds;
    }

    /** {@code users} (at least one) over {@code span} (positive). */
    static Arrivals of(int users, Duration span) {
        if (users < 1 || span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("arrivals need a user and a positive span: " + users + ", " + span);
        }
        long spanMillis = span.toMillis();
        long wholeSeconds = spanMillis / 1000;
        // floor: the whole seconds never carry more users than the asked rate allows
        int inWholeSeconds = (int) Math.min(users, Math.floorDiv((long) users * wholeSeconds * 1000, spanMillis));
        return new Arrivals(users, wholeSeconds, inWholeSeconds);
    }

    /** How long the users take to arrive: the whole seconds with users, plus one if some are left over for it. */
    Duration span() {
        return Duration.ofSeconds((inWholeSeconds > 0 ? wholeSeconds : 0) + (leftOver() > 0 ? 1 : 0));
    }

    /** The injection steps for {@code injectOpen}. */
    OpenInjectionStep[] steps() {
        List<OpenInjectionStep> steps = new ArrayList<>(2);
        if (inWholeSeconds > 0) {
            steps.add(rampUsers(inWholeSeconds).during(Duration.ofSeconds(wholeSeconds)));
        }
        if (leftOver() > 0) {
            steps.add(rampUsers(leftOver()).during(Duration.ofSeconds(1)));
        }
        return steps.toArray(OpenInjectionStep[]::new);
    }

    private int leftOver() {
        return users - inWholeSeconds;
    }
}
