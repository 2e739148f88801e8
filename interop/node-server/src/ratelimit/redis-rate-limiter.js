// The per-user buckets of rate-limiter.js kept in Redis, so that a user's limit holds across every node of a
// deployment, whichever node each socket or REST call reaches (§9.1). One Lua script refills and takes, on
// Redis's clock, so that the nodes' clocks do not matter.
import { ChatError } from "../errors.js";

// KEYS: the bucket. ARGV: capacity, refill per second. Returns {ok, tokens left (string: Lua numbers are
// truncated to integers on the way out), retry after ms}.
const TAKE = `
local capacity = tonumber(ARGV[1])
local perSecond = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1]) or capacity
local at = tonumber(stored[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000 * perSecond)
local ok = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
else
  retry = math.max(1, math.ceil((1 - tokens) / perSecond * 1000))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / perSecond * 1000) + 1000)
return {ok, tostring(tokens), retry}`;

export class RedisRateLimiter {
  /**
   * @param {import("redis").RedisClientType} client a connected client
   * @param {{message: {capacity: number, perSecond: number}, typing: {capacity: number, perSecond: number}}} specs
   */
  constructor(client, specs) {
    this.redis = client;
    this.specs = specs;
  }

  #key(bucket, tenant, sub) {
    return `chat:bucket:${JSON.stringify([bucket, tenant, sub])}`;
  }

  /**
   * Spends one token of `bucket` for the user, or throws rate_limited with retryAfterMs, like RateLimiter.take.
   * @returns {Promise<{remaining: number}>}
   */
  async take(bucket, tenant, sub) {
    const spec = this.specs[bucket];
    const [ok, tokens, retryAfterMs] = await this.redis.eval(TAKE, {
      keys: [this.#key(bucket, tenant, sub)],
      arguments: [String(spec.capacity), String(spec.perSecond)],
    });
    if (ok !== 1) {
      const error = new ChatError("rate_limited", `too many ${bucket} events; retry later`, { retryAfterMs });
      error.bucket = bucket;
      error.policy = spec;
      throw error;
    }
    return { remaining: Math.floor(Number(tokens)) };
  }

  /** Only the faulty cleanup of a deliberate defect calls it, and defects are the memory store's. */
  forget() {
  }

  close() {
  }
}
