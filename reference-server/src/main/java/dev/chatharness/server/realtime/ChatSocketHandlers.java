package dev.chatharness.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.auth.TokenVerifier;
import dev.chatharness.server.auth.VerifiedToken;
import dev.chatharness.server.error.AuthenticationException;
import dev.chatharness.server.error.ErrorCode;
import dev.chatharness.server.error.InvalidPayloadException;
import dev.chatharness.server.error.UnavailableException;
import dev.chatharness.server.event.EventNames;
import dev.chatharness.server.fairness.TenantSlots;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.json.Fields;
import dev.chatharness.server.lifecycle.Admission;
import dev.chatharness.server.message.MessageService;
import dev.chatharness.server.presence.PresenceService;
import dev.chatharness.server.presence.TypingService;
import dev.chatharness.server.ratelimit.Action;
import dev.chatharness.server.ratelimit.Permit;
import dev.chatharness.server.ratelimit.RateLimiter;
import dev.chatharness.socketio.Ack;
import dev.chatharness.socketio.SocketIoSocket;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The client-to-server events of the contract (section 5). Each handler only reads the payload, calls a service
 * and returns the ack data; {@link #handle} adds the envelope, the shutdown gate, the token-expiry check, the rate
 * limit and the error mapping.
 *
 * <p>For a rate-limited event ({@code message}, {@code message-edited}, {@code typing}) the user's token is taken
 * before the payload is even read: an event over the limit costs a bucket check and its answer, and never waits
 * for a lock or the database that a tenant flooding the server would be keeping busy.
 */
final class ChatSocketHandlers {
    /** Handler body: what the ack's {@code data} is. */
    @FunctionalInterface
    private interface Handler {
        Object handle(SocketIoSocket socket, Principal user, Fields payload);
    }

    /** Handler body of a rate-limited event: {@code permit} already holds the user's token. */
    @FunctionalInterface
    private interface LimitedHandler {
        Object handle(SocketIoSocket socket, Principal user, Fields payload, Permit permit);
    }

    private final MessageService messages;
    private final TypingService typing;
    private final PresenceService presence;
    private final Rooms rooms;
    private final RateLimiter limiter;
    private final TenantSlots tenantSlots;
    private final SocketErrors errors;
    private final Clock clock;
    private final Admission admission;
    private final Faults faults;
    private final Runnable crash;
    private final int maxBody;
    private final int maxClientMessageId;

    ChatSocketHandlers(MessageService messages, TypingService typing, PresenceService presence, RateLimiter limiter,
                       TenantSlots tenantSlots, Rooms rooms, SocketErrors errors, Clock clock, Admission admission,
                       Faults faults, Runnable crash) {
        this.messages = messages;
        this.typing = typing;
        this.presence = presence;
        this.limiter = limiter;
        this.tenantSlots = tenantSlots;
        this.rooms = rooms;
        this.errors = errors;
        this.clock = clock;
        this.admission = admission;
        this.faults = faults;
        this.crash = crash;
        this.maxBody = Fields.MAX_BODY + (faults.on(Fault.BODY_LIMIT_OFF_BY_ONE) ? 1 : 0);
        this.maxClientMessageId = Fields.MAX_ID + (faults.on(Fault.CLIENT_ID_LIMIT_OFF_BY_ONE) ? 1 : 0);
    }

    /** Wires a freshly authenticated socket. */
    void connected(SocketIoSocket socket) {
        Principal user = socket.require(HandshakeAuthenticator.TOKEN).principal();
        on(socket, EventNames.JOIN_CONVERSATION, this::join);
        on(socket, EventNames.LEAVE_CONVERSATION, this::leave);
        on(socket, EventNames.MESSAGE, Action.MESSAGE, this::message);
        on(socket, EventNames.TYPING, Action.TYPING, this::typing);
        on(socket, EventNames.MESSAGE_READ, this::read);
        on(socket, EventNames.MESSAGE_EDITED, Action.MESSAGE, this::edit);
        on(socket, EventNames.MESSAGE_DELETED, this::delete);
        on(socket, EventNames.PRESENCE_UPDATE, this::presenceUpdate);
        socket.onUnhandledEvent((s, event, args, ack) -> errors.answer(s, event, ack,
                new InvalidPayloadException("unknown event '" + event + "'")));
        socket.onDisconnect((s, reason) -> presence.disconnected(user));
        if (faults.on(Fault.BUCKET_REFILLED_ON_CONNECT)) {
            limiter.forget(user); // the defect: "a fresh connection gets a fresh budget"
        }
        presence.connected(user);
    }

    private Object join(SocketIoSocket socket, Principal user, Fields p) {
        String id = p.requiredId("conversationId");
        return messages.join(user, id, () -> socket.join(rooms.conversation(user.tenantId(), id)));
    }

    /** Always answers ok: leaving a room one is not in changes nothing and reveals nothing. */
    private Object leave(SocketIoSocket socket, Principal user, Fields p) {
        String id = p.requiredId("conversationId");
        String room = rooms.conversation(user.tenantId(), id);
        if (faults.on(Fault.LEAVE_TAKES_EVERY_SOCKET)) {
            socket.namespace().to(rooms.user(user)).socketsLeave(room); // the defect: the user leaves, not the socket
        } else {
            socket.leave(room);
        }
        return Map.of("conversationId", id);
    }

    private Object message(SocketIoSocket socket, Principal user, Fields p, Permit permit) {
        String id = p.requiredId("conversationId");
        String body = p.requiredString("body", 1, maxBody);
        String clientMessageId = p.optionalString("clientMessageId", 1, maxClientMessageId);
        return messages.send(permit, user, id, body, clientMessageId, new SocketOrigin(socket)).message();
    }

    private Object typing(SocketIoSocket socket, Principal user, Fields p, Permit permit) {
        String id = p.requiredId("conversationId");
        boolean isTyping = p.requiredBoolean("isTyping");
        typing.typing(permit, user, id, isTyping, new SocketOrigin(socket));
        return Map.of();
    }

    private Object read(SocketIoSocket socket, Principal user, Fields p) {
        String id = p.requiredId("conversationId");
        String messageId = p.requiredId("messageId");
        return messages.read(user, id, messageId, new SocketOrigin(socket));
    }

    private Object edit(SocketIoSocket socket, Principal user, Fields p, Permit permit) {
        String id = p.requiredId("conversationId");
        String messageId = p.requiredId("messageId");
        String body = p.requiredString("body", 1, maxBody);
        return messages.edit(permit, user, id, messageId, body, new SocketOrigin(socket));
    }

    private Object delete(SocketIoSocket socket, Principal user, Fields p) {
        String id = p.requiredId("conversationId");
        String messageId = p.requiredId("messageId");
        return messages.delete(user, id, messageId, new SocketOrigin(socket));
    }

    private Object presenceUpdate(SocketIoSocket socket, Principal user, Fields p) {
        String status = p.requiredString("status", 1, 16);
        String statusText = p.optionalString("statusText", 0, Fields.MAX_STATUS_TEXT);
        return presence.update(user, status, statusText);
    }

    private void on(SocketIoSocket socket, String event, Handler handler) {
        socket.on(event, (s, args, ack) -> handle(s, event, args, ack, null,
                (sock, user, payload, permit) -> handler.handle(sock, user, payload)));
    }

    private void on(SocketIoSocket socket, String event, Action limit, LimitedHandler handler) {
        socket.on(event, (s, args, ack) -> handle(s, event, args, ack, limit, handler));
    }

    /**
     * Gate, expiry, rate limit (first), a slot of the tenant's share, then the payload and the service; any failure
     * goes to {@link SocketErrors}. The ack is sent after the slot is given back.
     */
    private void handle(SocketIoSocket s, String event, List<JsonNode> args, Ack ack, Action limit,
                        LimitedHandler handler) {
        if (!admission.enter()) {
            errors.answer(s, event, ack, UnavailableException.shuttingDown());
            return;
        }
        try {
            if (faults.on(Fault.DIES_ON_MANY_ARGUMENTS) && args != null && args.size() > 1000) {
                crash.run(); // the defect: what one such packet does to a stock socket.io 4.x process
                return; // a dead process answers nothing
            }
            VerifiedToken token = s.require(HandshakeAuthenticator.TOKEN);
            if (TokenVerifier.expired(token, clock)) {
                throw new AuthenticationException(ErrorCode.TOKEN_EXPIRED, "token expired");
            }
            Principal user = token.principal();
            Object data;
            if (limit == null) {
                try (TenantSlots.Slot slot = tenantSlots.enter(user.tenantId())) {
                    data = handler.handle(s, user, Fields.of(first(args)), null);
                }
            } else {
                try (Permit permit = limiter.take(limit, user, s.id());
                     TenantSlots.Slot slot = tenantSlots.enter(user.tenantId())) {
                    data = handler.handle(s, user, Fields.of(first(args)), permit);
                }
            }
            if (ack != null) {
                ack.send(new AckReply.Ok(data));
            }
        } catch (RuntimeException e) {
            errors.answer(s, event, ack, e);
        } finally {
            admission.exit();
        }
    }

    private static JsonNode first(List<JsonNode> args) {
        return args == null || args.isEmpty() ? null : args.get(0);
    }

    /** For the expiry watcher: answers without an event. */
    static void tellExpired(SocketIoSocket socket) {
        socket.emit(EventNames.ERROR, new AckReply.ErrorEvent(ErrorCode.TOKEN_EXPIRED.wire(), "token expired", null, null));
    }
}
