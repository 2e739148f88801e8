package dev.chatharness.server.ratelimit;

/**
 * The answer of a token bucket to one request, with what the REST {@code RateLimit} headers report.
 *
 * @param policy          bucket name, e.g. {@code message}
 * @param allowed         whether a token was taken
 * @param capacity        bucket size
 * @param refillPerSecond tokens added per second
 * @param remaining       whole tokens left after this request
 * @param retryAfterMs    when refused, milliseconds until one token is back (always &gt; 0); 0 when allowed
 * @param resetSeconds    whole seconds until the bucket is full again
 */
public record Verdict(String policy, boolean allowed, int capacity, int refillPerSecond, int remaining,
                      long retryAfterMs, long resetSeconds) {

    /** Seconds a client should wait before retrying, rounded up, at least 1 (the {@code Retry-After} value). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfterMs + 999) / 1000);
    }

    /** Seconds the bucket takes to fill from empty: the policy's window. */
    public long windowSeconds() {
        return Math.max(1, (capacity + refillPerSecond - 1) / refillPerSecond);
    }
}
