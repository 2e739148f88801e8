package dev.chatharness.server.config;

/**
 * A token bucket's shape: it holds at most {@code capacity} tokens and gains {@code refillPerSecond} a second.
 * {@code new RateLimit(20, 10)} lets a user burst 20 events, then sustain 10 a second.
 */
public record RateLimit(int capacity, int refillPerSecond) {

    public RateLimit {
        if (capacity < 1) {
            throw new IllegalArgumentException("rate limit capacity must be at least 1, got " + capacity);
        }
        if (refillPerSecond < 1) {
            throw new IllegalArgumentException("rate limit refill per second must be at least 1, got " + refillPerSecond);
        }
    }

    /** Parses the command-line form {@code CAP:PER_S}, e.g. {@code 20:10}. */
    public static RateLimit parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("rate limit must look like CAP:PER_S (e.g. 20:10), got '" + text + "'");
        }
        try {
            return new RateLimit(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate limit must look like CAP:PER_S (e.g. 20:10), got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return capacity + ":" + refillPerSecond;
    }
}
