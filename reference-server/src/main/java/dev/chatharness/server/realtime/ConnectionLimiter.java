package dev.chatharness.server.realtime;

import dev.chatharness.server.auth.Principal;
import dev.chatharness.socketio.ConnectionRefusedException;
import dev.chatharness.socketio.Middleware;
import dev.chatharness.socketio.SocketIoSocket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Namespace middleware, after authentication: caps the sockets one user (tenant and {@code sub}) and one peer
 * address may hold at once, so that a connection flood from one account or one host cannot take the server's
 * memory and threads from everyone else. Over a cap the CONNECT is refused with CONNECT_ERROR
 * {@code {"message":"rate_limited","data":{"code":"rate_limited"}}} (the contract names no answer for this; the
 * code is its rate-limit code). A slot is taken when the middleware accepts and given back when the socket
 * disconnects.
 *
 * <p>A socket refused by a later step, or whose transport closed between this middleware and the CONNECT, never
 * disconnects; its slot is reclaimed the next time its key reaches the cap, once it is {@link #STALE} old and still
 * not connected.
 */
final class ConnectionLimiter implements Middleware {
    static final String REFUSAL = "rate_limited";
    private static final Duration STALE = Duration.ofSeconds(10);

    private final int perUser;
    private final int perAddress;
    private final Clock clock;
    /** key -> (socket -> when its slot was taken) */
    private final Map<String, Map<SocketIoSocket, Instant>> slots = new ConcurrentHashMap<>();

    ConnectionLimiter(int perUser, int perAddress, Clock clock) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.clock = clock;
    }

    @Override
    public void handle(SocketIoSocket socket) throws ConnectionRefusedException {
        Principal user = socket.require(HandshakeAuthenticator.TOKEN).principal();
        String userKey = "user:" + user.tenantId().length() + ":" + user.tenantId() + ":" + user.userId();
        String addressKey = "addr:" + socket.handshake().remoteAddress();
        if (!take(userKey, socket, perUser)) {
            throw refusal();
        }
        if (!take(addressKey, socket, perAddress)) {
            release(userKey, socket);
            throw refusal();
        }
        socket.onDisconnect((s, reason) -> {
            release(userKey, s);
            release(addressKey, s);
        });
    }

    private boolean take(String key, SocketIoSocket socket, int cap) {
        boolean[] taken = {false};
        slots.compute(key, (k, held) -> {
            Map<SocketIoSocket, Instant> map = held == null ? new ConcurrentHashMap<>() : held;
            Instant now = clock.instant();
            if (map.size() >= cap) {
                map.entrySet().removeIf(e -> !e.getKey().connected() && e.getValue().plus(STALE).isBefore(now));
            }
            if (map.size() < cap) {
                map.put(socket, now);
                taken[0] = true;
            }
            return map.isEmpty() ? null : map;
        });
        return taken[0];
    }

    private void release(String key, SocketIoSocket socket) {
        slots.computeIfPresent(key, (k, map) -> {
            map.remove(socket);
            return map.isEmpty() ? null : map;
        });
    }

    /** Keys currently holding at least one slot (for tests: nothing may be left once every socket has gone). */
    Set<String> keys() {
        return Set.copyOf(slots.keySet());
    }

    private static ConnectionRefusedException refusal() {
        return new ConnectionRefusedException(REFUSAL, Map.of("code", REFUSAL));
    }
}
