package dev.chatharness.conformance;

/**
 * A token bucket the target declares: {@code capacity} events at once, {@code refillPerSecond} more each second.
 *
 * @param capacity        burst size, at least 1
 * @param refillPerSecond sustained rate, above 0
 */
public record RateLimitSpec(int capacity, double refillPerSecond) {

    public RateLimitSpec {
        if (capacity < 1) {
            throw new ProfileException("rate limit capacity must be at least 1, got " + capacity);
        }
        if (!(refillPerSecond > 0)) {
            throw new ProfileException("rate limit refillPerSecond must be above 0, got " + refillPerSecond);
        }
    }

    @Override
    public String toString() {
        return "burst " + capacity + " + " + (refillPerSecond == Math.rint(refillPerSecond)
                ? String.valueOf((long) refillPerSecond) : String.valueOf(refillPerSecond)) + "/s";
    }

    /** Most events a bucket can accept within {@code seconds}: the burst plus what refills meanwhile. */
    public int maxAcceptedWithin(double seconds) {
        return capacity + (int) Math.ceil(refillPerSecond * seconds);
    }
}
