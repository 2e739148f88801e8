package dev.chatharness.server.fairness;

import dev.chatharness.server.error.UnavailableException;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how much of the server's shared work one tenant holds at a time: at most {@code perTenant} of its events
 * and REST requests are inside the services at once, where they take conversation locks and database connections.
 * With the default, half the database pool, however many users a tenant sends with (each within its own rate
 * limit), other tenants always find connections and locks free; the tenant's own excess waits for one of its own
 * slots, not for anyone else's.
 *
 * <p>Refused events never get here: the rate limit is decided before. One semaphore per tenant, kept like the
 * rate limiter's buckets (tenants come from signed tokens, so a client cannot invent them).
 */
public final class TenantSlots {
    private final int perTenant;
    private final Duration maxWait;
    private final ConcurrentHashMap<String, Semaphore> slots = new ConcurrentHashMap<>();

    public TenantSlots(int perTenant, Duration maxWait) {
        if (perTenant < 1) {
            throw new IllegalArgumentException("perTenant must be at least 1, got " + perTenant);
        }
        this.perTenant = perTenant;
        this.maxWait = maxWait;
    }

    /** A slot held by one event or request; closing it gives it back. */
    public final class Slot implements AutoCloseable {
        private final Semaphore semaphore;
        private boolean closed;

        private Slot(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                semaphore.release();
            }
        }
    }

    /**
     * Takes one of {@code tenantId}'s slots, waiting up to the configured time for one of its own to come back.
     *
     * @throws UnavailableException "server busy" if none did: nothing of the event is done
     */
    public Slot enter(String tenantId) {
        Semaphore semaphore = slots.get(tenantId);
        if (semaphore == null) {
            semaphore = slots.computeIfAbsent(tenantId, t -> new Semaphore(perTenant));
        }
        try {
            if (semaphore.tryAcquire() || semaphore.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                return new Slot(semaphore);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw UnavailableException.busy();
    }

    /** Slots of {@code tenantId} in use now (for tests). */
    public int inUse(String tenantId) {
        Semaphore semaphore = slots.get(tenantId);
        return semaphore == null ? 0 : perTenant - semaphore.availablePermits();
    }
}
