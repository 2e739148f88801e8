package dev.chatharness.server.realtime;

import dev.chatharness.server.error.ChatException;
import dev.chatharness.server.error.ErrorCode;
import dev.chatharness.server.error.RateLimitedException;
import dev.chatharness.server.event.EventNames;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.socketio.Ack;
import dev.chatharness.socketio.SocketIoSocket;
import java.util.Map;
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
        if (faults.on(Fault.RETRY_AFTER_ROUNDED_DOWN) && error.retryAfterMs() != null) {
            // the defect: whole seconds, rounded down
            error = new AckReply.Error(error.code(), error.message(), error.retryAfterMs() / 1000 * 1000);
        }
        if (ack != null) {
            ack.send(faults.on(Fault.ERROR_ACK_WITHOUT_OK) ? Map.of("error", error) : new AckReply.Failed(error).toJson());
        } else if (!faults.on(Fault.NO_ERROR_EVENT_WITHOUT_ACK)) {
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
