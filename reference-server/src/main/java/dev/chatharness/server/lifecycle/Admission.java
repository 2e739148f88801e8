package dev.chatharness.server.lifecycle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets work in (client events and REST requests) while the server runs, counts what is in flight, and once a
 * graceful shutdown begins refuses new work and lets the shutdown wait for the rest: an ok ack or a 201 is then
 * never lost to a shutdown, and nothing is stored without its sender hearing of it.
 *
 * <p>Every event and request passes here, from every tenant at once, so entering takes no lock: one atomic
 * counter and a volatile flag. (It used to be a synchronized counter; under a flood of events on many more
 * threads than cores, its monitor was held by descheduled threads and every event queued behind it.)
 */
public final class Admission {
    private final AtomicInteger running = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean closed;

    /** True if the work may start (then {@link #exit()} must follow); false once shutting down. */
    public boolean enter() {
        if (closed) {
            return false;
        }
        running.incrementAndGet();
        if (closed) { // close() came between the check and the increment: back out
            exit();
            return false;
        }
        return true;
    }

    public void exit() {
        if (running.decrementAndGet() == 0 && closed) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Refuses new work from now on. */
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Waits up to {@code limit} for the work in flight to end (call {@link #close()} first); true if it all did. */
    public boolean awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (idle) {
            while (running.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** Work in flight now (for logs and tests). */
    public int inFlight() {
        return running.get();
    }
}
