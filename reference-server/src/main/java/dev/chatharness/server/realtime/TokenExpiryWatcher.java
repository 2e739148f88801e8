package dev.chatharness.server.realtime;

import dev.chatharness.server.auth.TokenVerifier;
import dev.chatharness.server.auth.VerifiedToken;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.socketio.Namespace;
import dev.chatharness.socketio.SocketIoSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Sweeps live sockets every check interval (at most 4 s, validated in the config): a socket whose token has
 * expired is told {@code error {"code":"token_expired"}} and disconnected, so none outlives its {@code exp} by
 * more than the interval plus one sweep.
 */
final class TokenExpiryWatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenExpiryWatcher.class);
    private final Namespace namespace;
    private final Clock clock;
    private final Faults faults;

    TokenExpiryWatcher(Namespace namespace, Clock clock, Faults faults) {
        this.namespace = namespace;
        this.clock = clock;
        this.faults = faults;
    }

    @Override
    public void run() {
        try {
            for (SocketIoSocket socket : namespace.sockets()) {
                VerifiedToken token = socket.get(HandshakeAuthenticator.TOKEN);
                if (token != null && socket.connected() && TokenVerifier.expired(token, clock)) {
                    ChatSocketHandlers.tellExpired(socket);
                    socket.disconnect(true);
                    if (faults.on(Fault.EXPIRY_DISCONNECTS_THE_SUB)) {
                        disconnectEverySocketOf(token.principal().userId()); // the defect: the sub, not the user
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("token expiry sweep failed; next sweep will retry", e); // never let the schedule die
        }
    }

    private void disconnectEverySocketOf(String sub) {
        for (SocketIoSocket other : namespace.sockets()) {
            VerifiedToken token = other.get(HandshakeAuthenticator.TOKEN);
            if (token != null && token.principal().userId().equals(sub)) {
                other.disconnect(true);
            }
        }
    }
}
