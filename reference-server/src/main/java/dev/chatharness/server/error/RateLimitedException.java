package dev.chatharness.server.error;

import dev.chatharness.server.ratelimit.Verdict;

/** The user's token bucket is empty; carries what the REST headers and {@code retryAfterMs} need. */
public final class RateLimitedException extends ChatException {
    private final Verdict verdict;

    public RateLimitedException(Verdict verdict) {
        super(ErrorCode.RATE_LIMITED, "rate limit exceeded for " + verdict.policy() + ", retry in "
                + verdict.retryAfterMs() + " ms");
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }

    public long retryAfterMs() {
        return verdict.retryAfterMs();
    }
}
