package dev.chatharness.server.error;

import java.util.Set;

/** The token is missing, invalid, expired or lacks a required claim (401 on REST, CONNECT_ERROR on sockets). */
public final class AuthenticationException extends ChatException {
    private static final Set<ErrorCode> AUTH_CODES =
            Set.of(ErrorCode.TOKEN_MISSING, ErrorCode.TOKEN_INVALID, ErrorCode.TOKEN_EXPIRED, ErrorCode.CLAIMS_MISSING);

    public AuthenticationException(ErrorCode code, String message) {
        super(code, message);
        if (!AUTH_CODES.contains(code)) {
            throw new IllegalArgumentException("not an authentication code: " + code);
        }
    }
}
