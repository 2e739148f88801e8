package dev.chatharness.load;

/**
 * One injector's share of a distributed run: shard {@code index} of {@code count} (0-based, like a Kubernetes
 * Indexed Job's {@code JOB_COMPLETION_INDEX}). A shard owns whole rooms (room r belongs to shard r mod count),
 * so every room's senders and receivers, and therefore its latency clock, live in one process.
 */
public record Shard(int index, int count) {

    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be I/N with 0 <= I < N, got " + index + "/" + count);
        }
    }

    /** Parses {@code I/N}, e.g. {@code 0/2}. */
    public static Shard parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("shard must be I/N (e.g. 0/2), got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must be I/N (e.g. 0/2), got '" + text + "'", e);
        }
    }

    public boolean owns(int room) {
        return room % count == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
