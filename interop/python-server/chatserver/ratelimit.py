"""Per-user token buckets (contract section 9): one per user and bucket, shared by all of that user's
sockets and REST, and kept across reconnects."""
import time

from .errors import RateLimited

MESSAGE = "message"  # message and message-edited, over sockets and REST
TYPING = "typing"


class TokenBucket:
    def __init__(self, capacity, per_second, now):
        self.capacity = capacity
        self.per_second = per_second
        self.tokens = float(capacity)
        self.updated = now

    def _refill(self, now):
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
            self.updated = now

    def try_take(self, now):
        """Takes one token; returns 0 when taken, else the seconds until one is there."""
        self._refill(now)
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second

    def is_full(self, now):
        self._refill(now)
        return self.tokens >= self.capacity


class RateLimiter:
    def __init__(self, specs, clock=time.monotonic):
        """``specs`` maps a bucket name (MESSAGE, TYPING) to its RateSpec."""
        self._specs = dict(specs)
        self._clock = clock
        self._buckets = {}

    def take(self, user, bucket):
        """Spends one of ``user``'s tokens of ``bucket``, or raises RateLimited and spends nothing."""
        spec = self._specs[bucket]
        now = self._clock()
        key = (user, bucket)
        state = self._buckets.get(key)
        if state is None:
            state = self._buckets[key] = TokenBucket(spec.capacity, spec.per_second, now)
        wait = state.try_take(now)
        if wait > 0:
            raise RateLimited(f"over the {bucket} rate limit ({spec}): retry later", wait * 1000, bucket,
                              spec.capacity, spec.per_second)

    def forget_full_buckets(self):
        """Drops buckets that have refilled: a full bucket is the same as none, so memory stays bounded."""
        now = self._clock()
        for key in [k for k, b in self._buckets.items() if b.is_full(now)]:
            del self._buckets[key]

    def __len__(self):
        return len(self._buckets)
