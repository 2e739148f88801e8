package dev.chatharness.server.ratelimit;

import dev.chatharness.server.config.RateLimit;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A classic token bucket: starts full, loses one token per accepted event, regains {@code refillPerSecond}
 * tokens a second (continuously, not in steps) up to its capacity. Time comes from the caller so that tests
 * control it.
 *
 * <p>Thread-safe without a lock: the state is one immutable value swapped by compare-and-set. A flood sends a
 * user's events on many threads at once (one per socket), usually more threads than cores; with a monitor, a
 * thread descheduled while holding it made every other event of that user wait a time slice.
 */
final class TokenBucket {
    private record State(double tokens, long lastRefillMillis) {
    }

    private final String policy;
    private final RateLimit limit;
    private final AtomicReference<State> state;

    TokenBucket(String policy, RateLimit limit, long nowMillis) {
        this.policy = policy;
        this.limit = limit;
        this.state = new AtomicReference<>(new State(limit.capacity(), nowMillis));
    }

    Verdict tryTake(long nowMillis) {
        while (true) {
            State before = state.get();
            State refilled = refill(before, nowMillis);
            boolean allowed = refilled.tokens >= 1.0;
            State after = allowed ? new State(refilled.tokens - 1.0, refilled.lastRefillMillis) : refilled;
            if (after == before || state.compareAndSet(before, after)) {
                return verdict(allowed, after.tokens);
            }
        }
    }

    /** Returns a token taken by {@link #tryTake} for an event that changed nothing (never above capacity). */
    void giveBack() {
        state.updateAndGet(s -> new State(Math.min(limit.capacity(), s.tokens + 1.0), s.lastRefillMillis));
    }

    private State refill(State s, long nowMillis) {
        long elapsed = nowMillis - s.lastRefillMillis;
        if (elapsed <= 0) { // a clock that steps back never adds or removes tokens
            return s;
        }
        return new State(Math.min(limit.capacity(), s.tokens + elapsed * limit.refillPerSecond() / 1000.0), nowMillis);
    }

    private Verdict verdict(boolean allowed, double tokens) {
        long retryAfterMs = allowed ? 0 : Math.max(1, (long) Math.ceil((1.0 - tokens) * 1000.0 / limit.refillPerSecond()));
        long resetSeconds = (long) Math.ceil((limit.capacity() - tokens) / limit.refillPerSecond());
        return new Verdict(policy, allowed, limit.capacity(), limit.refillPerSecond(), (int) Math.floor(tokens),
                retryAfterMs, resetSeconds);
    }
}
