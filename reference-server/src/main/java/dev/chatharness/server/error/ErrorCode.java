package dev.chatharness.server.error;

/** Every error code of the contract, with the HTTP status REST answers it with. */
public enum ErrorCode {
    INVALID_PAYLOAD("invalid_payload", 400),
    NOT_FOUND("not_found", 404),
    FORBIDDEN("forbidden", 403),
    RATE_LIMITED("rate_limited", 429),
    TOKEN_MISSING("token_missing", 401),
    TOKEN_INVALID("token_invalid", 401),
    TOKEN_EXPIRED("token_expired", 401),
    CLAIMS_MISSING("claims_missing", 401),
    INTERNAL("internal", 500);

    private final String wire;
    private final int httpStatus;

    ErrorCode(String wire, int httpStatus) {
        this.wire = wire;
        this.httpStatus = httpStatus;
    }

    /** The code as it appears on the wire, e.g. {@code not_found}. */
    public String wire() {
        return wire;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
