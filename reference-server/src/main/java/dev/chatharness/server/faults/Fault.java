package dev.chatharness.server.faults;

/**
 * Deliberate defects the reference server can be started with, so that the conformance suite can prove it
 * catches each one (a check that passes against a broken server is no check). Only tests construct a
 * {@code ServerConfig} with faults; no command-line flag exposes them. Each constant is implemented by a few
 * lines at the exact place where such a bug would live in a real server; search for {@code Fault.NAME}.
 */
public enum Fault {
    /**
     * Conversation rooms are keyed by conversation id alone and {@code join-conversation} looks the conversation
     * up by id and checks membership by {@code sub} only, ignoring the tenant: a user of tenant B whose {@code sub}
     * equals a participant's {@code sub} in tenant A can join A's room and receives its room events.
     */
    CROSS_TENANT_BROADCAST,
    /**
     * The contacts query matches users by {@code sub} without the tenant: {@code user-online}, {@code user-offline}
     * and {@code presence-update} of tenant A's user X also reach the contacts of tenant B's user with the same
     * {@code sub} X.
     */
    CROSS_TENANT_PRESENCE,
    /** {@code join-conversation} checks that the conversation exists in the tenant but not that the user takes part. */
    JOIN_WITHOUT_MEMBERSHIP,
    /**
     * REST {@code GET /conversations/{id}} and {@code GET /conversations/{id}/messages} find the conversation by id
     * alone and skip the participation check: another tenant's (or a non-participant's) read succeeds.
     */
    READ_OTHER_TENANT_CONVERSATION,
    /** The JWT verifier does not check {@code exp}, so an expired token is accepted (handshake and REST). */
    ACCEPT_EXPIRED_TOKEN,
    /** A token whose header says {@code "alg":"none"} is accepted without any signature. */
    ACCEPT_ALG_NONE,
    /** The signature is never verified: a token signed with another secret is accepted. */
    ACCEPT_WRONG_SIGNATURE,
    /** Every rate-limit check passes. */
    NO_RATE_LIMIT,
    /**
     * Token buckets are keyed by socket (REST requests share one bucket per user) instead of by user: a user
     * escapes the limit by opening more sockets or reconnecting.
     */
    RATE_LIMIT_PER_SOCKET,
    /**
     * A {@code message} over the limit is fanned out to the room before the limiter is asked; it is then answered
     * {@code rate_limited} and not stored, but the room has already received it.
     */
    BROADCAST_RATE_LIMITED_MESSAGE,
    /** Removing a participant does not make that user's sockets leave the conversation's room. */
    REMOVED_PARTICIPANT_STILL_RECEIVES,
    /** Room events sent over a socket are broadcast to the whole room, the sending socket included. */
    ECHO_TO_SENDER,
    /**
     * Fan-out leaves the per-conversation lock and goes through a deferred-delivery path: the delivery of every
     * message with an even {@code seq} is postponed by one second (long enough to show on a loaded machine), so
     * the next message overtakes it.
     */
    OUT_OF_ORDER_DELIVERY,
    /** {@code clientMessageId} is ignored: a repeat is stored again with a new id and seq and broadcast again. */
    DUPLICATE_CLIENT_MESSAGE_ID,
    /**
     * A conversation that exists but belongs to another tenant or excludes the user answers 403 {@code forbidden}
     * (REST and acks) instead of the 404 {@code not_found} of a conversation that does not exist.
     */
    FORBIDDEN_REVEALS_EXISTENCE,
    /** Live connections whose token has expired are never told nor disconnected. */
    NO_EXPIRY_DISCONNECT,
    /** The handshake's {@code Origin} header is not checked against the allow-list. */
    ORIGIN_NOT_CHECKED,
    /** A handshake carrying the token only in the query string ({@code ?token=...}) is accepted. */
    TOKEN_IN_QUERY_ACCEPTED,
    /** Editing and deleting a message skip the authorship check: any participant can change anyone's message. */
    EDIT_BY_NON_AUTHOR,
    /** A token without {@code tenant_id} is accepted; its user lands in the empty-string tenant. */
    MISSING_TENANT_CLAIM_ACCEPTED,
    /** A socket event with a malformed payload gets its {@code invalid_payload} answer and then its connection is closed. */
    BAD_PAYLOAD_DISCONNECTS,
    /** {@code user-offline} is never sent. */
    NO_USER_OFFLINE
}
