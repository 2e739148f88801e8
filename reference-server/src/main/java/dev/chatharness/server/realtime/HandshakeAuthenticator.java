package dev.chatharness.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.auth.BearerToken;
import dev.chatharness.server.auth.TokenVerifier;
import dev.chatharness.server.auth.VerifiedToken;
import dev.chatharness.server.error.AuthenticationException;
import dev.chatharness.server.error.ErrorCode;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;
import dev.chatharness.socketio.ConnectionRefusedException;
import dev.chatharness.socketio.Handshake;
import dev.chatharness.socketio.Middleware;
import dev.chatharness.socketio.SocketIoSocket;

import java.util.Map;

/**
 * Namespace middleware: finds the token in the CONNECT auth payload {@code {"token":...}} or in an
 * {@code Authorization: Bearer} header of the handshake request (never in the query string), verifies it, and
 * refuses with CONNECT_ERROR {@code "unauthorized"} {@code {"code": C}}.
 */
final class HandshakeAuthenticator implements Middleware {
    static final String TOKEN = "chat.token";
    private final TokenVerifier verifier;
    private final Faults faults;

    HandshakeAuthenticator(TokenVerifier verifier, Faults faults) {
        this.verifier = verifier;
        this.faults = faults;
    }

    @Override
    public void handle(SocketIoSocket socket) throws ConnectionRefusedException {
        try {
            socket.data().put(TOKEN, verifier.verify(token(socket.handshake())));
        } catch (AuthenticationException e) {
            throw new ConnectionRefusedException("unauthorized", Map.of("code", e.code().wire()));
        }
    }

    private String token(Handshake handshake) {
        JsonNode auth = handshake.auth();
        if (auth != null && auth.has("token") && !auth.get("token").isNull()) {
            JsonNode token = auth.get("token");
            if (!token.isTextual()) {
                throw new AuthenticationException(ErrorCode.TOKEN_INVALID, "auth.token must be a string");
            }
            return token.textValue();
        }
        String bearer = BearerToken.from(handshake.header("authorization").orElse(null));
        if (bearer == null && faults.on(Fault.TOKEN_IN_QUERY_ACCEPTED)) {
            return handshake.query().get("token"); // the defect: tokens leak into logs and Referer headers
        }
        return bearer;
    }

    static VerifiedToken tokenOf(SocketIoSocket socket) {
        return (VerifiedToken) socket.data().get(TOKEN);
    }
}
