package dev.chatharness.server.ratelimit;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.config.RateLimit;
import dev.chatharness.server.error.RateLimitedException;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user token buckets. The key is the user, (tenant, sub), and nothing about the connection: every socket of
 * the user and their REST calls drain the same bucket, and reconnecting does not refill it.
 */
public final class RateLimiter {
    private record Key(Action action, String tenantId, String userId, String connection) {
    }

    private final Map<Action, RateLimit> limits;
    private final Clock clock;
    private final Faults faults;
    private final ConcurrentHashMap<Key, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimit message, RateLimit typing, Clock clock, Faults faults) {
        this.limits = faults.on(Fault.BUCKET_OFF_BY_ONE) // the defect: "tokens >= 0" where "tokens >= 1" was meant
                ? Map.of(Action.MESSAGE, new RateLimit(message.capacity() + 1, message.refillPerSecond()),
                        Action.TYPING, new RateLimit(typing.capacity() + 1, typing.refillPerSecond()))
                : Map.of(Action.MESSAGE, message, Action.TYPING, typing);
        this.clock = clock;
        this.faults = faults;
    }

    /**
     * Takes one token for {@code action} from {@code user}'s bucket, or throws {@link RateLimitedException}. Call it
     * first, before any lock, query or payload parsing, and close the permit when the event is done: the token goes
     * back unless {@link Permit#use()} was called.
     *
     * @param connectionId the socket id or {@code rest}; used only by the {@link Fault#RATE_LIMIT_PER_SOCKET} defect
     */
    public Permit take(Action action, Principal user, String connectionId) {
        TokenBucket bucket = bucket(action, user, connectionId);
        Verdict verdict = bucket == null ? unlimited(action) : bucket.tryTake(clock.millis());
        if (!verdict.allowed() && !(action == Action.MESSAGE && refusalDecidedInTheService())) {
            throw new RateLimitedException(verdict);
        }
        return new Permit(bucket, verdict); // refused only under the defects: the service acts, then refuses
    }

    /** The defects that look at the limiter's refusal too late, after the service spent a seq or fanned out. */
    private boolean refusalDecidedInTheService() {
        return faults.on(Fault.BROADCAST_RATE_LIMITED_MESSAGE) || faults.on(Fault.SEQ_TAKEN_BEFORE_THE_LIMIT);
    }

    /** Takes a token if there is one and returns the verdict; nothing is given back (tests, and the defects). */
    public Verdict check(Action action, Principal user, String connectionId) {
        TokenBucket bucket = bucket(action, user, connectionId);
        return bucket == null ? unlimited(action) : bucket.tryTake(clock.millis());
    }

    /** The user's bucket for {@code action}, created full; null under the {@link Fault#NO_RATE_LIMIT} defect. */
    private TokenBucket bucket(Action action, Principal user, String connectionId) {
        if (faults.on(Fault.NO_RATE_LIMIT)) {
            return null;
        }
        RateLimit limit = limits.get(action);
        String connection = faults.on(Fault.RATE_LIMIT_PER_SOCKET) ? connectionId : "";
        String tenant = faults.on(Fault.RATE_LIMIT_KEYED_BY_SUB) ? "" : user.tenantId(); // the defect: sub alone
        Key key = new Key(action, tenant, user.userId(), connection);
        TokenBucket bucket = buckets.get(key); // the common case: no lambda, no lock
        return bucket != null ? bucket
                : buckets.computeIfAbsent(key, k -> new TokenBucket(action.policy(), limit, clock.millis()));
    }

    private Verdict unlimited(Action action) {
        RateLimit limit = limits.get(action);
        return new Verdict(action.policy(), true, limit.capacity(), limit.refillPerSecond(), limit.capacity(), 0, 0);
    }

    /** Drops the user's buckets: only the {@link Fault#BUCKET_REFILLED_ON_CONNECT} defect calls this. */
    public void forget(Principal user) {
        buckets.keySet().removeIf(key -> key.tenantId().equals(user.tenantId()) && key.userId().equals(user.userId()));
    }

    /** The configured shape of a bucket. */
    public RateLimit limit(Action action) {
        return limits.get(action);
    }
}
