package dev.chatharness.server.rest;

import dev.chatharness.server.ratelimit.Verdict;
import io.javalin.http.Context;

/**
 * The IETF httpapi rate-limit fields (draft-ietf-httpapi-ratelimit-headers, structured-field form):
 * {@code RateLimit-Policy: "message";q=20;w=2} (quota and the window in seconds it takes to refill) and
 * {@code RateLimit: "message";r=0;t=1} (remaining and seconds until the quota is back), plus {@code Retry-After}
 * on a 429.
 */
final class RateLimitHeaders {
    private RateLimitHeaders() {
    }

    static void write(Context ctx, Verdict v) {
        ctx.header("RateLimit-Policy", "\"" + v.policy() + "\";q=" + v.capacity() + ";w=" + v.windowSeconds());
        long reset = v.allowed() ? v.resetSeconds() : v.retryAfterSeconds();
        ctx.header("RateLimit", "\"" + v.policy() + "\";r=" + v.remaining() + ";t=" + reset);
        if (!v.allowed()) {
            ctx.header("Retry-After", Long.toString(v.retryAfterSeconds()));
        }
    }
}
