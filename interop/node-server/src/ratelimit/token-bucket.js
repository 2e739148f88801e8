// One token bucket (§9.3): holds at most `capacity` tokens, refills continuously at `perSecond`.
import { fault } from "../faults.js";

export class TokenBucket {
  /** @param {{capacity: number, perSecond: number}} spec @param {number} nowMs */
  constructor(spec, nowMs) {
    this.spec = spec;
    this.tokens = spec.capacity;
    this.updatedMs = nowMs;
  }

  #refill(nowMs) {
    const elapsed = Math.max(0, nowMs - this.updatedMs) / 1000;
    this.tokens = Math.min(this.spec.capacity, this.tokens + elapsed * this.spec.perSecond);
    this.updatedMs = nowMs;
  }

  /**
   * Takes one token if there is one.
   * @returns {{ok: boolean, remaining: number, retryAfterMs: number}} retryAfterMs > 0 when refused (§4.2)
   */
  take(nowMs) {
    this.#refill(nowMs);
    if (fault.is("bucket-off-by-one")) {
      this.tokens -= 1;
      if (this.tokens < -1) {
        this.tokens += 1;
        return { ok: false, remaining: 0, retryAfterMs: this.#waitMs(-this.tokens) };
      }
      return { ok: true, remaining: Math.max(0, Math.floor(this.tokens)), retryAfterMs: 0 };
    }
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true, remaining: Math.floor(this.tokens), retryAfterMs: 0 };
    }
    return { ok: false, remaining: 0, retryAfterMs: this.#waitMs(1 - this.tokens) };
  }

  #waitMs(missing) {
    return Math.max(1, Math.ceil((missing / this.spec.perSecond) * 1000));
  }

  /** True when the bucket has refilled completely: forgetting it then changes nothing. */
  isFull(nowMs) {
    this.#refill(nowMs);
    return this.tokens >= this.spec.capacity;
  }
}
