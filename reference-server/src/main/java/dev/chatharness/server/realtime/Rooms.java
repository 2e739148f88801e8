package dev.chatharness.server.realtime;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;

/**
 * Room names. Both carry the tenant, length-prefixed so that no choice of tenant and id can collide with another
 * pair (tenant {@code a:b} + user {@code c} vs tenant {@code a} + user {@code b:c}).
 */
final class Rooms {
    private final Faults faults;

    Rooms(Faults faults) {
        this.faults = faults;
    }

    /** Every socket of one user. */
    String user(Principal user) {
        if (faults.on(Fault.USER_SOCKETS_KEYED_BY_SUB)) {
            return "user:" + user.userId(); // the defect: the sub alone names the user
        }
        return "user:" + user.tenantId().length() + ":" + user.tenantId() + ":" + user.userId();
    }

    /** The sockets that joined one conversation. */
    String conversation(String tenantId, String conversationId) {
        if (faults.on(Fault.CROSS_TENANT_BROADCAST)) {
            return "conv:" + conversationId; // the defect: keyed by id alone
        }
        return "conv:" + tenantId.length() + ":" + tenantId + ":" + conversationId;
    }
}
