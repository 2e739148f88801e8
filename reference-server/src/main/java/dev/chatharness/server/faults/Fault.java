package dev.chatharness.server.faults;

/**
 * Deliberate defects the reference server can be started with, so that the conformance suite can prove it catches
 * each one (a check that passes against a broken server is no check). Every clause of the contract
 * ({@code specs/contract.md}) has at least one; each names its clause, and the self-test runs exactly that clause's
 * checks against it. Only tests construct a {@code ServerConfig} with faults; no command-line flag exposes them. Each
 * constant is implemented by a few lines at the exact place where such a bug would live in a real server; search for
 * {@code Fault.NAME}.
 */
public enum Fault {
    // §1 Transport
    /** WebSocket handshakes are refused ("polling only", a proxy-era setting left on): WebSocket-only clients fail. */
    WEBSOCKET_TRANSPORT_OFF("1.1"),
    /** Long-polling handshakes are refused ("WebSocket only"): polling-only clients fail. */
    POLLING_TRANSPORT_OFF("1.2"),
    /** The upgrade timeout is a millisecond: every upgrade probe is abandoned and clients stay on polling. */
    UPGRADE_NEVER_COMPLETES("1.3"),
    /** {@code maxPayload} is configured one byte short: a packet of exactly 1,000,000 bytes closes the connection. */
    MAX_PAYLOAD_OFF_BY_ONE("1.4"),
    /** A REST body that does not parse escapes as an unexpected exception: 500 instead of 400. */
    NON_JSON_BODY_IS_500("1.5"),
    /** {@code /health} sits behind the authentication filter like the API: 401 without a token. */
    HEALTH_BEHIND_AUTH("1.6"),

    // §2 Authentication
    /** A token whose header says {@code "alg":"none"} is accepted without any signature. */
    ACCEPT_ALG_NONE("2.1"),
    /** A {@code tenant_id} (and {@code sub}) in the handshake auth payload beside the token is trusted over the token. */
    AUTH_PAYLOAD_TENANT_TRUSTED("2.2"),
    /** A token in the {@code Authorization} header is decoded but its signature never checked. */
    HEADER_TOKEN_NOT_VERIFIED("2.3"),
    /** A handshake carrying the token only in the query string ({@code ?token=...}) is accepted. */
    TOKEN_IN_QUERY_ACCEPTED("2.4"),
    /** A handshake without any token is refused as {@code token_invalid} instead of {@code token_missing}. */
    MISSING_TOKEN_CALLED_INVALID("2.5"),
    /** The signature is never verified: a token signed with another secret is accepted. */
    ACCEPT_WRONG_SIGNATURE("2.6"),
    /** A token without {@code tenant_id} is accepted; its user lands in the empty-string tenant. */
    MISSING_TENANT_CLAIM_ACCEPTED("2.7"),
    /** The JWT verifier does not check {@code exp}, so an expired token is accepted (handshake and REST). */
    ACCEPT_EXPIRED_TOKEN("2.8"),
    /** A minute of clock-skew leeway on {@code exp}: a token that expired seconds ago is still accepted. */
    EXPIRY_LEEWAY_A_MINUTE("2.8"),
    /** {@code nbf} and {@code iat} are not checked: a token not yet valid is accepted. */
    NOT_BEFORE_IGNORED("2.9"),
    /** The configured issuer and audience are not checked. */
    ISSUER_NOT_CHECKED("2.10"),
    /** A refused handshake's CONNECT_ERROR carries the code as its message and no {@code data}. */
    REFUSAL_WITHOUT_CODE("2.11"),
    /** Live connections whose token has expired are never told nor disconnected. */
    NO_EXPIRY_DISCONNECT("2.12"),
    /** When one socket's token expires, every socket of that {@code sub} is disconnected, whatever its tenant. */
    EXPIRY_DISCONNECTS_THE_SUB("2.12"),
    /** A REST 401 comes without its {@code WWW-Authenticate} header. */
    REST_401_WITHOUT_CHALLENGE("2.13"),
    /** The handshake's {@code Origin} header is not checked against the allow-list. */
    ORIGIN_NOT_CHECKED("2.14"),

    // §3 Tenancy and authorization
    /** Online state is counted per {@code sub}: a user whose same-sub twin in another tenant is online is never announced. */
    ONLINE_STATE_KEYED_BY_SUB("3.1"),
    /** Conversation ids come from a counter per tenant: two tenants get the same ids. */
    IDS_COUNTED_PER_TENANT("3.2"),
    /** REST reads find the conversation by id alone and skip the participation check. */
    READ_OTHER_TENANT_CONVERSATION("3.3"),
    /** A conversation that exists but is hidden answers 403 {@code forbidden} instead of 404 {@code not_found}. */
    FORBIDDEN_REVEALS_EXISTENCE("3.3"),
    /** {@code join-conversation} checks that the conversation exists in the tenant but not that the user takes part. */
    JOIN_WITHOUT_MEMBERSHIP("3.4"),
    /** Sending a message checks that the conversation exists in the tenant, not that the sender takes part. */
    SEND_WITHOUT_MEMBERSHIP("3.5"),
    /** Editing and deleting a message skip the authorship check: any participant can change anyone's message. */
    EDIT_BY_NON_AUTHOR("3.6"),
    /** A message is looked up by its id alone: the conversation named beside it is checked, the message's own is not. */
    MESSAGE_FOUND_BY_ID_ALONE("3.7"),
    /** Removing a participant does not make that user's sockets leave the conversation's room. */
    REMOVED_PARTICIPANT_STILL_RECEIVES("3.8"),
    /**
     * Conversation rooms are keyed by conversation id alone and {@code join-conversation} checks membership by
     * {@code sub} only: a user of tenant B whose {@code sub} equals a participant's in tenant A joins A's room.
     */
    CROSS_TENANT_BROADCAST("3.9"),
    /** The contacts query matches users by {@code sub} without the tenant: presence crosses to same-sub users. */
    CROSS_TENANT_PRESENCE("3.9"),
    /** A user's sockets are found by {@code sub} alone: conversation events reach the same sub in every tenant. */
    USER_SOCKETS_KEYED_BY_SUB("3.9"),

    // §4 Acknowledgements and errors
    /** A failed event is acked {@code {"error":{...}}} without {@code "ok":false}, so clients checking {@code ok} misread it. */
    ERROR_ACK_WITHOUT_OK("4.1"),
    /** {@code retryAfterMs} is computed in whole seconds, rounded down: 0 for any wait under a second. */
    RETRY_AFTER_ROUNDED_DOWN("4.2"),
    /** An event without an ack that fails is dropped silently: no {@code error} event. */
    NO_ERROR_EVENT_WITHOUT_ACK("4.3"),
    /** A message id that does not exist escapes as an unexpected exception: {@code internal}. */
    UNKNOWN_MESSAGE_IS_INTERNAL("4.4"),
    /** A socket event with a malformed payload gets its {@code invalid_payload} answer and then its connection is closed. */
    BAD_PAYLOAD_DISCONNECTS("4.5"),
    /**
     * An event with thousands of arguments takes the whole server down (it stops listening), as one such packet does
     * to a stock socket.io 4.x: stands in for a process crash, for the suite's crash attribution.
     */
    DIES_ON_MANY_ARGUMENTS("4.5"),
    /** REST errors are written flat, {@code {"code","message"}}, without the {@code error} envelope. */
    REST_ERROR_BODY_FLAT("4.6"),

    // §5 Client-to-server events
    /** {@code join-conversation} answers the next seq instead of the last one. */
    LAST_SEQ_OFF_BY_ONE("5.1"),
    /** {@code leave-conversation} takes every socket of the user out of the room, not just the one that left. */
    LEAVE_TAKES_EVERY_SOCKET("5.2"),
    /** Room events sent over a socket are broadcast to the whole room, the sending socket included. */
    ECHO_TO_SENDER("5.3"),
    /** {@code typing} is broadcast to the whole room, the typing socket included. */
    TYPING_ECHOED("5.4"),
    /** A receipt names the message's author as the reader. */
    RECEIPT_NAMES_THE_AUTHOR("5.5"),
    /** An edit is acked and broadcast but never written: the history keeps the old body. */
    EDIT_NOT_STORED("5.6"),
    /** A deletion is broadcast to the whole room, the deleting socket included. */
    DELETION_ECHOED("5.7"),
    /** {@code presence-update} accepts any status. */
    PRESENCE_STATUS_NOT_CHECKED("5.8"),

    // §6 Server-to-client events
    /** Room events go to every socket of every participant, joined or not. */
    ROOM_EVENTS_TO_EVERY_PARTICIPANT("6.1"),
    /** {@code conversation-created} goes to every connected user of the tenant. */
    CONVERSATION_CREATED_TO_TENANT("6.2"),
    /** {@code conversation-updated} goes to the conversation's room only, missing participants who did not join. */
    CONVERSATION_UPDATED_TO_ROOM_ONLY("6.3"),
    /** {@code participant-removed} goes to the remaining participants only, not to the removed user. */
    REMOVED_USER_NOT_TOLD("6.4"),
    /** {@code user-offline} is never sent. */
    NO_USER_OFFLINE("6.5"),
    /** {@code user-online} is sent for every socket a user opens, not only the first. */
    ONLINE_ON_EVERY_SOCKET("6.5"),
    /** {@code presence-update} goes to every connected user of the tenant, contacts or not. */
    PRESENCE_TO_TENANT("6.6"),

    // §7 Objects
    /** Null fields are left out of objects ({@code NON_NULL} serialization) instead of written as {@code null}. */
    NULLS_LEFT_OUT("7.1"),
    /** Times are written without milliseconds. */
    TIMES_WITHOUT_MILLIS("7.2"),
    /** The body limit is checked with {@code >} one too far: 4,001 characters pass. */
    BODY_LIMIT_OFF_BY_ONE("7.3"),
    /** The {@code clientMessageId} limit lets 65 characters pass. */
    CLIENT_ID_LIMIT_OFF_BY_ONE("7.4"),
    /** Renaming a conversation skips the title limit (creation checks it). */
    TITLE_LIMIT_ON_CREATE_ONLY("7.5"),

    // §8 Delivery
    /** The next seq is taken before the rate limit is asked: a refused message leaves a gap. */
    SEQ_TAKEN_BEFORE_THE_LIMIT("8.1"),
    /**
     * Fan-out leaves the per-conversation lock and goes through a deferred-delivery path: the delivery of every
     * message with an even {@code seq} is postponed by one second, so the next message overtakes it.
     */
    OUT_OF_ORDER_DELIVERY("8.2"),
    /** {@code clientMessageId} is ignored: a repeat is stored again with a new id and seq and broadcast again. */
    DUPLICATE_CLIENT_MESSAGE_ID("8.3"),
    /** The ack goes out before the message is written; the write follows a moment later ("write-behind"). */
    ACK_BEFORE_STORE("8.4"),

    // §9 Rate limits
    /**
     * Token buckets are keyed by socket (REST requests share one bucket per user) instead of by user: a user
     * escapes the limit by opening more sockets.
     */
    RATE_LIMIT_PER_SOCKET("9.1"),
    /** Token buckets are keyed by {@code sub} alone: a user's budget is spent by the same sub in another tenant. */
    RATE_LIMIT_KEYED_BY_SUB("9.1"),
    /** A user's buckets are refilled whenever one of their sockets connects. */
    BUCKET_REFILLED_ON_CONNECT("9.2"),
    /** The bucket holds one token more than declared. */
    BUCKET_OFF_BY_ONE("9.3"),
    /** Every rate-limit check passes. */
    NO_RATE_LIMIT("9.4"),
    /**
     * A {@code message} over the limit is fanned out to the room before the limiter is asked; it is then answered
     * {@code rate_limited} and not stored, but the room has already received it.
     */
    BROADCAST_RATE_LIMITED_MESSAGE("9.4"),
    /** A REST 429 comes without {@code Retry-After}, {@code RateLimit} and {@code RateLimit-Policy}. */
    REST_429_WITHOUT_HEADERS("9.5"),

    // §10 REST
    /** The creator is added only if listed in {@code participantIds}. */
    CREATOR_NOT_ADDED("10.1"),
    /** {@code GET /conversations} lists every conversation of the tenant. */
    LIST_WHOLE_TENANT("10.2"),
    /** {@code GET /conversations/{id}} wraps the Conversation in {@code {"conversation": ...}}. */
    GET_CONVERSATION_WRAPPED("10.3"),
    /** {@code PATCH /conversations/{id}} checks the tenant but not participation. */
    RENAME_WITHOUT_MEMBERSHIP("10.4"),
    /** Adding a participant who is already one lists them twice. */
    ADD_PARTICIPANT_DUPLICATES("10.5"),
    /** Removing a participant answers 200 with the Conversation instead of 204. */
    REMOVE_ANSWERS_200("10.6"),
    /** The page size is capped at 1,000 instead of 100. */
    LIMIT_NOT_CAPPED("10.7"),
    /** {@code afterSeq} is inclusive: the page starts with the message at {@code afterSeq}. */
    AFTER_SEQ_INCLUSIVE("10.7"),
    /** A message posted over REST is stored but not broadcast. */
    REST_MESSAGE_NOT_BROADCAST("10.8"),
    /** An edit over REST broadcasts the message as it was before the edit. */
    REST_EDIT_BROADCASTS_OLD_BODY("10.9"),
    /** A deletion over REST is not broadcast. */
    REST_DELETE_NOT_BROADCAST("10.10"),
    /** A receipt made over REST is not broadcast. */
    REST_READ_NOT_BROADCAST("10.11");

    private final String clause;

    Fault(String clause) {
        this.clause = clause;
    }

    /** The clause of {@code specs/contract.md} this defect breaks, without the section sign, e.g. {@code "3.9"}. */
    public String clause() {
        return clause;
    }
}
