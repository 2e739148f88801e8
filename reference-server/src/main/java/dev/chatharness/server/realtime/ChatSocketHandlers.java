package dev.chatharness.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.auth.TokenVerifier;
import dev.chatharness.server.auth.VerifiedToken;
import dev.chatharness.server.error.AuthenticationException;
import dev.chatharness.server.error.ErrorCode;
import dev.chatharness.server.error.InvalidPayloadException;
import dev.chatharness.server.event.EventNames;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.server.json.Fields;
import dev.chatharness.server.message.MessageService;
import dev.chatharness.server.presence.PresenceService;
import dev.chatharness.server.presence.TypingService;
import dev.chatharness.server.ratelimit.RateLimiter;
import dev.chatharness.socketio.SocketIoSocket;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The client-to-server events of the contract (section 5). Each handler only reads the payload, calls a service
 * and returns the ack data; {@link #on} adds the envelope, the token-expiry check and the error mapping.
 */
final class ChatSocketHandlers {
    /** Handler body: what the ack's {@code data} is. */
    @FunctionalInterface
    private interface Handler {
        Object handle(SocketIoSocket socket, Principal user, Fields payload);
    }

    private final MessageService messages;
    private final TypingService typing;
    private final PresenceService presence;
    private final Rooms rooms;
    private final SocketErrors errors;
    private final Clock clock;
    private final InFlightEvents inFlight;
    private final RateLimiter limiter;
    private final Faults faults;
    private final Runnable crash;
    private final int maxBody;
    private final int maxClientMessageId;

    ChatSocketHandlers(MessageService messages, TypingService typing, PresenceService presence, Rooms rooms,
                       SocketErrors errors, Clock clock, InFlightEvents inFlight, RateLimiter limiter, Faults faults,
                       Runnable crash) {
        this.messages = messages;
        this.typing = typing;
        this.presence = presence;
        this.rooms = rooms;
        this.errors = errors;
        this.clock = clock;
        this.inFlight = inFlight;
        this.limiter = limiter;
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
        on(socket, EventNames.MESSAGE, this::message);
        on(socket, EventNames.TYPING, this::typing);
        on(socket, EventNames.MESSAGE_READ, this::read);
        on(socket, EventNames.MESSAGE_EDITED, this::edit);
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

    private Object message(SocketIoSocket socket, Principal user, Fields p) {
        String id = p.requiredId("conversationId");
        String body = p.requiredString("body", 1, maxBody);
        String clientMessageId = p.optionalString("clientMessageId", 1, maxClientMessageId);
        return messages.send(user, id, body, clientMessageId, new SocketOrigin(socket)).message();
    }

    private Object typing(SocketIoSocket socket, Principal user, Fields p) {
        String id = p.requiredId("conversationId");
        boolean isTyping = p.requiredBoolean("isTyping");
        typing.typing(user, id, isTyping, new SocketOrigin(socket));
        return Map.of();
    }

    private Object read(SocketIoSocket socket, Principal user, Fields p) {
        String id = p.requiredId("conversationId");
        String messageId = p.requiredId("messageId");
        return messages.read(user, id, messageId, new SocketOrigin(socket));
    }

    private Object edit(SocketIoSocket socket, Principal user, Fields p) {
        String id = p.requiredId("conversationId");
        String messageId = p.requiredId("messageId");
        String body = p.requiredString("body", 1, maxBody);
        return messages.edit(user, id, messageId, body, new SocketOrigin(socket));
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
        socket.on(event, (s, args, ack) -> {
            if (!inFlight.enter()) {
                shuttingDown(s, event, ack);
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
                Object data = handler.handle(s, token.principal(), Fields.of(first(args)));
                if (ack != null) {
                    ack.send(new AckReply.Ok(data));
                }
            } catch (RuntimeException e) {
                errors.answer(s, event, ack, e);
            } finally {
                inFlight.exit();
            }
        });
    }

    /** An event that arrived after a graceful shutdown began: not handled, and the sender is told so. */
    private static void shuttingDown(SocketIoSocket socket, String event, dev.chatharness.socketio.Ack ack) {
        String code = ErrorCode.INTERNAL.wire();
        if (ack != null) {
            ack.send(new AckReply.Failed(new AckReply.Error(code, "server shutting down", null)));
        } else {
            socket.emit(EventNames.ERROR, new AckReply.ErrorEvent(code, "server shutting down", event, null));
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
