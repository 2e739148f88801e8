package dev.chatharness.server.ratelimit;

/**
 * A token taken from a user's bucket when an event arrives, before anything else is done for it (no lock, no query,
 * not even its payload read): a refused event costs the check and its answer, nothing more.
 *
 * <p>The service that makes the change calls {@link #use()} once it is committed; {@link #close()} gives the token
 * back otherwise. So an event that turns out to be invalid, not found, forbidden or a repeated
 * {@code clientMessageId} costs no token, and only what is stored (or edited) is counted. Used by one thread.
 */
public final class Permit implements AutoCloseable {
    private final TokenBucket bucket;
    private final Verdict verdict;
    private boolean used;

    Permit(TokenBucket bucket, Verdict verdict) {
        this.bucket = bucket;
        this.verdict = verdict;
    }

    /**
     * Whether a token was taken. Always true, except under the {@code BROADCAST_RATE_LIMITED_MESSAGE} and
     * {@code SEQ_TAKEN_BEFORE_THE_LIMIT} defects, which let a refused {@code message} reach the service so that it can
     * fan out or spend a seq before it is refused.
     */
    public boolean granted() {
        return verdict.allowed();
    }

    /** The bucket's answer, for the REST rate-limit headers and {@code retryAfterMs}. */
    public Verdict verdict() {
        return verdict;
    }

    /** The change this token paid for is committed: the token stays spent. */
    public void use() {
        used = true;
    }

    /** Gives the token back unless it was used. */
    @Override
    public void close() {
        if (!used && granted() && bucket != null) {
            bucket.giveBack();
        }
    }
}
