package dev.chatharness.server.rest;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.fairness.TenantSlots;
import io.javalin.http.Context;

/**
 * An authenticated {@code /api/v2} request holds one of its tenant's {@link TenantSlots} while its handler runs,
 * so one tenant's requests cannot take every database connection and lock; the slot is given back after it.
 */
final class TenantShare {
    private static final String SLOT = "chat.tenantSlot";
    private final TenantSlots slots;

    TenantShare(TenantSlots slots) {
        this.slots = slots;
    }

    /** After authentication: a CORS preflight has no principal and takes no slot. */
    void enter(Context ctx) {
        Principal user = RestAuth.principal(ctx);
        if (user != null) {
            ctx.attribute(SLOT, slots.enter(user.tenantId()));
        }
    }

    void exit(Context ctx) {
        TenantSlots.Slot slot = ctx.attribute(SLOT);
        if (slot != null) {
            slot.close();
        }
    }
}
