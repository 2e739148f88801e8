package dev.chatharness.conformance.harness;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * With pre-issued tokens every test shares the same few users, so ordinary tests can run into the
 * target's real rate limit. Then, and only then, a refused send is retried after the wait the
 * target itself asked for ({@code retryAfterMs} / {@code Retry-After}), as a well-behaved client
 * does. With minted tokens every test has fresh users far below their limit, so a refusal stays a
 * failure; the rate-limit tests never go through here.
 */
final class RateLimitBackoff {

    private static final int MAX_ATTEMPTS = 8;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(3);

    private RateLimitBackoff() {
    }

    /**
     * Calls {@code attempt} until {@code retryAfterMs} says it was not rate limited (returns a negative number)
     * or attempts run out; returns the last answer.
     */
    static <T> T retry(boolean enabled, Supplier<T> attempt, ToLongFunction<T> retryAfterMs) {
        T answer = attempt.get();
        for (int i = 1; enabled && i < MAX_ATTEMPTS; i++) {
            long wait = retryAfterMs.applyAsLong(answer);
            if (wait < 0) {
                return answer;
            }
            LockSupport.parkNanos(Duration.ofMillis(Math.max(1, Math.min(wait, LONGEST_WAIT.toMillis()))).toNanos());
            answer = attempt.get();
        }
        return answer;
    }
}
