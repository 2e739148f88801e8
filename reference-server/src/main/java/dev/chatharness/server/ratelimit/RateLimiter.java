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
     * Takes one token for {@code action} from {@code user}'s bucket, or throws {@link RateLimitedException}.
     *
     * @param connectionId the socket id or {@code rest}; used only by the {@link Fault#RATE_LIMIT_PER_SOCKET} defect
     * @return the verdict, for REST's {@code RateLimit} headers
     */
    public Verdict acquire(Action action, Principal user, String connectionId) {
        Verdict verdict = check(action, user, connectionId);
        if (!verdict.allowed()) {
            throw new RateLimitedException(verdict);
        }
        return verdict;
    }

    /** Like {@link #acquire} but returns a refusal instead of throwing it. */
    public Verdict check(Action action, Principal user, String connectionId) {
        RateLimit limit = limits.get(action);
        long now = clock.millis();
        if (faults.on(Fault.NO_RATE_LIMIT)) {
            return new Verdict(action.policy(), true, limit.capacity(), limit.refillPerSecond(), limit.capacity(), 0, 0);
        }
        String connection = faults.on(Fault.RATE_LIMIT_PER_SOCKET) ? connectionId : "";
        String tenant = faults.on(Fault.RATE_LIMIT_KEYED_BY_SUB) ? "" : user.tenantId(); // the defect: sub alone
        Key key = new Key(action, tenant, user.userId(), connection);
        return buckets.computeIfAbsent(key, k -> new TokenBucket(action.policy(), limit, now)).tryTake(now);
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
