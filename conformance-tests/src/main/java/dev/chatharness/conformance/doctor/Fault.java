package dev.chatharness.conformance.doctor;

import java.util.Locale;

/**
 * The faults the doctor can name. Those that stop it from trying anything else (nothing answers, a certificate it
 * cannot trust, credentials refused) make the target unreachable (exit 3); the rest are faults of a deployment that
 * does answer (exit 1).
 */
public enum Fault {
    NOTHING_LISTENING(true),
    TLS_UNTRUSTED(true),
    TLS_MISMATCH(true),
    GATEWAY_REFUSED(true),
    UPSTREAM_DOWN(true),
    TOKEN_REFUSED(true),
    WRONG_BASE_URL(false),
    CLOCK_SKEW(false),
    WRONG_SOCKET_PATH(false),
    NO_SOCKETIO_ENDPOINT(false),
    UPGRADE_REFUSED(false),
    POLLING_REFUSED(false),
    UPGRADE_FAILED(false),
    NO_STICKY_SESSIONS(false),
    NO_SHARED_ADAPTER(false),
    NO_SHARED_STATE(false),
    REST_NOT_BROADCAST(false),
    SOCKETS_FAILED(false),
    ORIGIN_REFUSED(false);

    private final boolean unreachable;

    Fault(boolean unreachable) {
        this.unreachable = unreachable;
    }

    /** True when the doctor could not get far enough to judge the deployment: exit 3, not 1. */
    public boolean unreachable() {
        return unreachable;
    }

    /** The name in {@code --json} and in docs, e.g. {@code no-sticky-sessions}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
