package dev.chatharness.load.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the load generator's own stalls, as jHiccup does: a thread that asks to sleep {@link #PERIOD_NANOS} and
 * notes by how much it woke late. A late wake-up of {@link #STALL_MILLIS} or more is a stall: the generator's JVM
 * ran none of its threads for that long (a garbage collection, a safepoint, or no free core on a machine it shares
 * with the target). During a stall the generator neither sends nor stamps what arrives, so every latency it
 * measures then grows by up to the stall: a report must say so, or a user blames the target for the generator's
 * pause. (jHiccup itself is not served by this project's Maven repository; the loop is ten lines.)
 */
public final class StallMeter implements AutoCloseable {

    /** How often the meter wakes: 200 wake-ups a second, a few µs of CPU each, well under a stall's length. */
    static final long PERIOD_NANOS = 5_000_000;
    /** The shortest late wake-up counted as a stall. */
    public static final long STALL_MILLIS = 10;
    /** Stalls kept (at least 1,000 s of them): beyond it none is, so a pathological run cannot grow the heap. */
    static final int MAX_KEPT = 100_000;

    /** One stall: when it began (epoch millis) and how long it lasted. */
    public record Stall(long startMillis, double millis) {
    }

    private final List<Stall> stalls = new ArrayList<>();
    private volatile boolean running = true;
    private final Thread thread;

    private StallMeter(boolean start) {
        thread = new Thread(this::measure, "generator-stall-meter");
        thread.setDaemon(true);
        if (start) {
            thread.start();
        }
    }

    /** A meter that measures from now until {@link #close()}. */
    public static StallMeter start() {
        return new StallMeter(true);
    }

    /** A meter that measures nothing by itself; {@link #wokeLate} feeds it (tests). */
    static StallMeter manual() {
        return new StallMeter(false);
    }

    private void measure() {
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(PERIOD_NANOS);
            long late = System.nanoTime() - before - PERIOD_NANOS;
            wokeLate(System.currentTimeMillis(), late);
        }
    }

    /** Records a wake-up at {@code nowMillis} that came {@code lateNanos} after it was due. */
    synchronized void wokeLate(long nowMillis, long lateNanos) {
        double millis = lateNanos / 1e6;
        if (millis < STALL_MILLIS) {
            return;
        }
        if (stalls.size() < MAX_KEPT) {
            stalls.add(new Stall(nowMillis - Math.round(millis), millis));
        }
    }

    /** The stalls that began in [{@code fromMillis}, {@code toMillis}), epoch millis. */
    public synchronized List<Stall> between(long fromMillis, long toMillis) {
        return stalls.stream().filter(s -> s.startMillis() >= fromMillis && s.startMillis() < toMillis).toList();
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
