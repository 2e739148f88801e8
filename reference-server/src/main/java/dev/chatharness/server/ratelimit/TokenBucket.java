package dev.chatharness.server.ratelimit;

import dev.chatharness.server.config.RateLimit;

/**
 * A classic token bucket: starts full, loses one token per accepted event, regains {@code refillPerSecond}
 * tokens a second (continuously, not in steps) up to its capacity. Thread-safe; time comes from the caller so
 * that tests control it.
 */
final class TokenBucket {
    private final String policy;
    private final RateLimit limit;
    private double tokens;
    private long lastRefillMillis;

    TokenBucket(String policy, RateLimit limit, long nowMillis) {
        this.policy = policy;
        this.limit = limit;
        this.tokens = limit.capacity();
        this.lastRefillMillis = nowMillis;
    }

    synchronized Verdict tryTake(long nowMillis) {
        refill(nowMillis);
        boolean allowed = tokens >= 1.0;
        if (allowed) {
            tokens -= 1.0;
        }
        long retryAfterMs = allowed ? 0 : Math.max(1, (long) Math.ceil((1.0 - tokens) * 1000.0 / limit.refillPerSecond()));
        long resetSeconds = (long) Math.ceil((limit.capacity() - tokens) / limit.refillPerSecond());
        return new Verdict(policy, allowed, limit.capacity(), limit.refillPerSecond(), (int) Math.floor(tokens),
                retryAfterMs, resetSeconds);
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - lastRefillMillis;
        if (elapsed > 0) { // a clock that steps back never adds or removes tokens
            tokens = Math.min(limit.capacity(), tokens + elapsed * limit.refillPerSecond() / 1000.0);
            lastRefillMillis = nowMillis;
        }
    }
}
