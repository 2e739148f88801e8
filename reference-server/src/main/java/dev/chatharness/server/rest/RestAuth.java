package dev.chatharness.server.rest;

import dev.chatharness.server.auth.BearerToken;
import dev.chatharness.server.auth.Principal;
import dev.chatharness.server.auth.TokenVerifier;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/** Reads {@code Authorization: Bearer <jwt>} before every {@code /api/v2} handler and keeps the principal. */
final class RestAuth {
    private static final String PRINCIPAL = "chat.principal";
    private final TokenVerifier verifier;

    RestAuth(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    void authenticate(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS) {
            return; // a CORS preflight never carries credentials; CrossOriginAccess answers it
        }
        ctx.attribute(PRINCIPAL, verifier.verify(BearerToken.from(ctx.header("Authorization"))).principal());
    }

    static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }
}
