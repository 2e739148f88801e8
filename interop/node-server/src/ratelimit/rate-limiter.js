// Per-user rate limits (§9): one `message` bucket shared by message and message-edited, one `typing` bucket,
// keyed by the user (tenant, sub), whatever socket or REST call spends them. Kept in this process: a
// multi-instance deployment would move the buckets to the shared store.
import { ChatError } from "../errors.js";
import { fault } from "../faults.js";
import { TokenBucket } from "./token-bucket.js";

const SWEEP_EVERY_MS = 60_000;

export class RateLimiter {
  /** @param {{message: {capacity: number, perSecond: number}, typing: {capacity: number, perSecond: number}}} specs */
  constructor(specs, now = () => Date.now()) {
    this.specs = specs;
    this.now = now;
    /** key(bucket, tenant, sub) -> TokenBucket */
    this.buckets = new Map();
    // A full bucket is the same as no bucket: drop those now and then so idle users cost no memory.
    this.sweeper = setInterval(() => this.#sweep(), SWEEP_EVERY_MS).unref();
  }

  #key(bucket, tenant, sub) {
    return fault.is("rate-bucket-by-sub") ? JSON.stringify([bucket, sub]) : JSON.stringify([bucket, tenant, sub]);
  }

  /**
   * Spends one token of `bucket` for the user, or throws rate_limited with retryAfterMs.
   * @param {"message"|"typing"} bucket
   * @returns {{remaining: number}}
   */
  take(bucket, tenant, sub) {
    const k = this.#key(bucket, tenant, sub);
    const nowMs = this.now();
    let b = this.buckets.get(k);
    if (!b) {
      b = new TokenBucket(this.specs[bucket], nowMs);
      this.buckets.set(k, b);
    }
    const result = b.take(nowMs);
    if (!result.ok) {
      const error = new ChatError("rate_limited", `too many ${bucket} events; retry later`, { retryAfterMs: result.retryAfterMs });
      error.bucket = bucket;
      error.policy = this.specs[bucket];
      throw error;
    }
    return { remaining: result.remaining };
  }

  /** Forgets the user's buckets; only the faulty cleanup of bucket-dropped-on-disconnect calls it. */
  forget(tenant, sub) {
    for (const bucket of Object.keys(this.specs)) {
      this.buckets.delete(this.#key(bucket, tenant, sub));
    }
  }

  #sweep() {
    const nowMs = this.now();
    for (const [k, b] of this.buckets) {
      if (b.isFull(nowMs)) {
        this.buckets.delete(k);
      }
    }
  }

  close() {
    clearInterval(this.sweeper);
  }
}
