package dev.chatharness.server.realtime;

import dev.chatharness.server.error.ChatException;
import dev.chatharness.server.error.ErrorCode;
import dev.chatharness.server.error.RateLimitedException;
import dev.chatharness.server.event.EventNames;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.socketio.Ack;
import dev.chatharness.socketio.SocketIoSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become socket answers: the ack envelope when the client asked for an ack, the
 * server {@code error} event {@code {code,message,event}} otherwise. The connection always stays open.
 */
final class SocketErrors {
    private static final Logger LOG = LoggerFactory.getLogger(SocketErrors.class);
    private final Faults faults;

    SocketErrors(Faults faults) {
        this.faults = faults;
    }

    void answer(SocketIoSocket socket, String event, Ack ack, Exception failure) {
        AckReply.Error error = toError(event, failure);
        if (ack != null) {
            ack.send(new AckReply.Failed(error).toJson());
        } else {
            socket.emit(EventNames.ERROR,
                    new AckReply.ErrorEvent(error.code(), error.message(), event, error.retryAfterMs()).toJson());
        }
        if (ErrorCode.INVALID_PAYLOAD.wire().equals(error.code()) && faults.on(Fault.BAD_PAYLOAD_DISCONNECTS)) {
            socket.disconnect(true); // the defect: "protect" the server by dropping misbehaving clients
        }
    }

    private static AckReply.Error toError(String event, Exception failure) {
        if (failure instanceof RateLimitedException limited) {
            return new AckReply.Error(limited.code().wire(), limited.getMessage(), limited.retryAfterMs());
        }
        if (failure instanceof ChatException chat) {
            return new AckReply.Error(chat.code().wire(), chat.getMessage(), null);
        }
        LOG.error("event {} failed", event, failure);
        return new AckReply.Error(ErrorCode.INTERNAL.wire(), "internal error", null);
    }
}
