package dev.chatharness.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.server.auth.BearerToken;
import dev.chatharness.server.auth.Principal;
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
import dev.chatharness.socketio.SocketKey;

import java.util.Map;

/**
 * Namespace middleware: finds the token in the CONNECT auth payload {@code {"token":...}} or in an
 * {@code Authorization: Bearer} header of the handshake request (never in the query string), verifies it, and
 * refuses with CONNECT_ERROR {@code "unauthorized"} {@code {"code": C}}.
 */
final class HandshakeAuthenticator implements Middleware {
    /** The verified token of a socket that passed this middleware: every connected socket has one. */
    static final SocketKey<VerifiedToken> TOKEN = SocketKey.of("chat.token", VerifiedToken.class);
    private final TokenVerifier verifier;
    private final Faults faults;

    HandshakeAuthenticator(TokenVerifier verifier, Faults faults) {
        this.verifier = verifier;
        this.faults = faults;
    }

    @Override
    public void handle(SocketIoSocket socket) throws ConnectionRefusedException {
        try {
            socket.set(TOKEN, trustedClaims(socket.handshake(), verified(socket.handshake())));
        } catch (AuthenticationException e) {
            if (faults.on(Fault.REFUSAL_WITHOUT_CODE)) {
                throw new ConnectionRefusedException(e.code().wire(), null); // the defect: the code as the message
            }
            throw new ConnectionRefusedException("unauthorized", Map.of("code", e.code().wire()));
        }
    }

    private VerifiedToken verified(Handshake handshake) {
        JsonNode auth = handshake.auth();
        if (auth != null && auth.has("token") && !auth.get("token").isNull()) {
            JsonNode token = auth.get("token");
            if (!token.isTextual()) {
                throw new AuthenticationException(ErrorCode.TOKEN_INVALID, "auth.token must be a string");
            }
            return verifier.verify(token.textValue());
        }
        String bearer = BearerToken.from(handshake.header("authorization").orElse(null));
        if (bearer == null && faults.on(Fault.TOKEN_IN_QUERY_ACCEPTED)) {
            // the defect: tokens leak into logs and Referer headers
            return verifier.verify(handshake.query().get("token"));
        }
        if (bearer != null && faults.on(Fault.HEADER_TOKEN_NOT_VERIFIED)) {
            return verifier.claimsWithoutSignature(bearer); // the defect: "the gateway already checked it"
        }
        return verifier.verify(bearer);
    }

    /** The token's user, unless a defect lets the auth payload speak for the tenant. */
    private VerifiedToken trustedClaims(Handshake handshake, VerifiedToken token) {
        JsonNode auth = handshake.auth();
        if (faults.on(Fault.AUTH_PAYLOAD_TENANT_TRUSTED) && auth != null && auth.path("tenant_id").isTextual()) {
            // the defect: a "tenant hint" from the client wins over the signed claim
            String sub = auth.path("sub").isTextual() ? auth.path("sub").textValue() : token.principal().userId();
            return new VerifiedToken(new Principal(auth.path("tenant_id").textValue(), sub), token.expiresAt());
        }
        return token;
    }
}
