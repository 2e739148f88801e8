package dev.chatharness.server.realtime;

import java.time.Duration;

/**
 * Counts the client events being handled, so that a graceful shutdown can stop taking new ones and wait for the
 * running ones to send their acks before the sockets are told to go: an ok ack is then never lost to a shutdown,
 * and nothing is stored without its sender hearing of it.
 */
final class InFlightEvents {
    private int running;
    private boolean closed;

    /** False once closing: the event must not start. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void exit() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /** Refuses new events from now on and waits up to {@code limit} for the running ones; true if they all ended. */
    synchronized boolean closeAndAwait(Duration limit) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + limit.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
