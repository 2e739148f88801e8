// The deliberate defects this server can be started with (FAULT=name or --fault name), one realistic bug per
// clause of specs/contract.md (§8.5 excepted: a client cannot restart the target). This list is the one place
// where they are named; the code tests `fault.is("name")` at the exact spot where such a bug would live, so a
// healthy run executes exactly the code a careful team would ship.

/** @type {{name: string, clause: string, description: string}[]} */
export const FAULTS = [
  // §1 Transport
  { name: "eio3-handshake-accepted", clause: "1.1", description: "allowEIO3 is on: an Engine.IO v3 handshake (EIO=3) is accepted instead of refused" },
  { name: "polling-disabled", clause: "1.2", description: "transports is [\"websocket\"]: HTTP long-polling handshakes are refused" },
  { name: "upgrade-disabled", clause: "1.3", description: "allowUpgrades is false: a client that starts on long-polling never upgrades to WebSocket" },
  { name: "max-payload-off-by-one", clause: "1.4", description: "maxHttpBufferSize is 999,999: a packet of exactly 1,000,000 bytes closes the connection" },
  { name: "bad-json-500", clause: "1.5", description: "the JSON body parser's error is not mapped: a body that is not JSON answers 500 internal" },
  { name: "health-needs-token", clause: "1.6", description: "the token check runs before the /health route: GET /health without a token answers 401" },
  // §2 Authentication
  { name: "hmac-family-accepted", clause: "2.1", description: "jwt.verify without algorithms: [\"HS256\"]: tokens signed HS384 or HS512 with the secret are accepted" },
  { name: "auth-payload-ignored", clause: "2.2", description: "the handshake token is read from the Authorization header only: {token} in the auth payload is token_missing" },
  { name: "bearer-header-ignored", clause: "2.3", description: "the handshake token is read from the auth payload only: an Authorization: Bearer header is token_missing" },
  { name: "query-token-accepted", clause: "2.4", description: "falls back to ?token= in the handshake URL's query string" },
  { name: "missing-token-invalid", clause: "2.5", description: "an absent token goes to jwt.verify, whose 'jwt must be provided' maps to token_invalid instead of token_missing" },
  { name: "malformed-token-missing", clause: "2.6", description: "a token that is not three dot-separated parts is treated as absent: token_missing instead of token_invalid" },
  { name: "exp-not-required", clause: "2.7", description: "only sub and tenant_id are checked: a signed token without exp is accepted (jsonwebtoken does not require exp)" },
  { name: "expired-token-invalid", clause: "2.8", description: "TokenExpiredError is mapped like any other verification error: an expired token is token_invalid, not token_expired" },
  { name: "expiry-leeway", clause: "2.8", description: "clockTolerance of 1 s: a token is still accepted during the second after its exp" },
  { name: "nbf-ignored", clause: "2.9", description: "ignoreNotBefore is on and iat is not checked: a token not yet valid is accepted" },
  { name: "audience-unchecked", clause: "2.10", description: "the configured issuer is checked but the audience is not passed to jwt.verify" },
  { name: "connect-error-code-as-message", clause: "2.11", description: "a refused handshake's CONNECT_ERROR has the code as message and no data, instead of message unauthorized and data {code}" },
  { name: "expiry-disconnect-early", clause: "2.12", description: "the expiry timer fires one second before exp ('to be safe'): a live socket is cut while its token is still valid" },
  { name: "expiry-disconnect-missing", clause: "2.12", description: "no expiry timer: a connected socket outlives its token" },
  { name: "rest-401-without-www-authenticate", clause: "2.13", description: "REST 401 answers carry no WWW-Authenticate header" },
  { name: "origin-websocket-only", clause: "2.14", description: "the Origin allow-list is checked on WebSocket handshakes only: a long-polling handshake from any Origin is accepted" },
  // §3 Tenancy and authorization
  { name: "conversation-list-without-tenant", clause: "3.1", description: "GET /conversations filters by the caller's sub only: the same sub in another tenant sees these conversations" },
  { name: "ids-per-tenant-counter", clause: "3.2", description: "conversation and message ids come from a per-tenant counter (c-1, c-2...): two tenants see the same ids" },
  { name: "forbidden-reveals-existence", clause: "3.3", description: "a conversation the caller takes no part in answers 403 forbidden instead of 404 not_found" },
  { name: "join-without-membership", clause: "3.4", description: "join-conversation checks the tenant but not participation" },
  { name: "send-without-membership", clause: "3.5", description: "message (socket and REST) checks the tenant but not participation" },
  { name: "edit-by-non-author", clause: "3.6", description: "editing checks participation but not authorship (deleting still does)" },
  { name: "message-id-unscoped", clause: "3.7", description: "a message id is looked up without its conversation: a message of another conversation can be edited, deleted or read through yours" },
  { name: "removal-keeps-sockets-in-room", clause: "3.8", description: "removing a participant updates the store but leaves that user's sockets in the room" },
  { name: "user-room-by-sub", clause: "3.9", description: "per-user rooms are keyed by sub without the tenant: conversation-created, participant and presence events reach the same sub in other tenants" },
  // §4 Acknowledgements and errors
  { name: "error-ack-without-ok", clause: "4.1", description: "a failed ack is {error} without ok:false" },
  { name: "retry-after-in-seconds", clause: "4.2", description: "the rate_limited ack carries retryAfter (seconds, as in the HTTP header) instead of retryAfterMs" },
  { name: "no-error-event-without-ack", clause: "4.3", description: "a failed event sent without an ack callback is dropped silently instead of answered with an error event" },
  { name: "null-payload-internal", clause: "4.4", description: "join-conversation reads payload.conversationId without checking the payload is an object: null answers internal" },
  { name: "non-object-payload-disconnects", clause: "4.5", description: "an event whose payload is not an object is treated as protocol abuse: the socket is disconnected" },
  { name: "stock-parser", clause: "4.5", description: "socket.io's own parser, without the argument-count guard: one EVENT with 100,000 arguments overflows the stack and the process dies (what a stock socket.io 4.7.2 or 4.8.4 does)" },
  { name: "validation-422", clause: "4.6", description: "REST validation errors answer 422 instead of 400" },
  // §5 Client-to-server events
  { name: "join-last-seq-is-next", clause: "5.1", description: "join-conversation answers the conversation's next seq as lastSeq (1 in an empty conversation)" },
  { name: "leave-wrong-room", clause: "5.2", description: "leave-conversation leaves a room named without the tenant, so the socket stays in the real room" },
  { name: "message-echo-to-sender", clause: "5.3", description: "the message broadcast goes to the whole room (io.to) instead of the room except the sender (socket.to)" },
  { name: "typing-forwards-client-payload", clause: "5.4", description: "typing broadcasts the client's payload as received, without userId" },
  { name: "receipt-user-is-sender", clause: "5.5", description: "the Receipt's userId is the message's sender instead of the reader" },
  { name: "edit-without-edited-at", clause: "5.6", description: "an edit changes the body but leaves editedAt null" },
  { name: "delete-not-broadcast", clause: "5.7", description: "message-deleted over the socket acks the Deletion but broadcasts nothing" },
  { name: "presence-to-whole-tenant", clause: "5.8", description: "presence-update is broadcast to every socket of the tenant instead of the user's contacts" },
  // §6 Server-to-client events
  { name: "room-events-to-participants", clause: "6.1", description: "message broadcasts go to every participant's sockets, joined or not, instead of the room" },
  { name: "created-skips-creator", clause: "6.2", description: "conversation-created reaches the other participants but not the creator's sockets" },
  { name: "updated-to-room-only", clause: "6.3", description: "conversation-updated goes to the conversation's room (joined sockets) instead of every participant" },
  { name: "removed-user-not-told", clause: "6.4", description: "participant-removed is sent after the removal, to the remaining participants only" },
  { name: "offline-on-any-socket-close", clause: "6.5", description: "user-offline is sent whenever one of the user's sockets closes, not only the last" },
  { name: "presence-to-own-sockets", clause: "6.6", description: "presence-update is emitted to the user's own sockets instead of the contacts" },
  // §7 Objects
  { name: "null-fields-omitted", clause: "7.1", description: "absent optional values are left undefined, so JSON drops clientMessageId and editedAt instead of null" },
  { name: "times-without-millis", clause: "7.2", description: "times are formatted to the second (2026-01-31T12:00:00Z), without milliseconds" },
  { name: "body-limit-exclusive", clause: "7.3", description: "the body check is length < 4000: a body of exactly 4,000 characters is refused" },
  { name: "client-message-id-unbounded", clause: "7.4", description: "clientMessageId's length is not checked" },
  { name: "title-limit-off-by-one", clause: "7.5", description: "the title check is length > 201: a title of 201 characters is accepted" },
  // §8 Delivery
  { name: "refused-message-takes-seq", clause: "8.1", description: "seq is taken before the body is validated: a refused message leaves a gap" },
  { name: "broadcast-after-async-hook", clause: "8.2", description: "an async post-store hook (link previews) runs before the broadcast, so messages overtake each other" },
  { name: "dedupe-ignores-conversation", clause: "8.3", description: "idempotency is keyed by (tenant, sender, clientMessageId) without the conversation: the same key in another conversation answers the first message" },
  { name: "write-behind-history", clause: "8.4", description: "messages reach the history through a write-behind buffer flushed every 200 ms: the ack comes before GET .../messages shows them" },
  // §9 Rate limits
  { name: "rate-bucket-by-sub", clause: "9.1", description: "rate-limit buckets are keyed by sub without the tenant: the same sub in another tenant shares the budget" },
  { name: "bucket-dropped-on-disconnect", clause: "9.2", description: "a user's buckets are deleted when their last socket disconnects (to save memory): reconnecting refills them" },
  { name: "bucket-off-by-one", clause: "9.3", description: "the bucket refuses only when it is below zero after taking: a burst of capacity + 1 is accepted" },
  { name: "rate-limited-edit-applied", clause: "9.4", description: "message-edited applies the edit before asking the rate limiter: a refused edit still changes the message" },
  { name: "rest-429-without-ratelimit-headers", clause: "9.5", description: "REST 429 answers carry Retry-After but neither RateLimit nor RateLimit-Policy" },
  // §10 REST
  { name: "creator-not-added", clause: "10.1", description: "POST /conversations stores participantIds as given, without the creator" },
  { name: "list-whole-tenant", clause: "10.2", description: "GET /conversations lists every conversation of the tenant" },
  { name: "get-conversation-stale-cache", clause: "10.3", description: "GET /conversations/{id} is served from a cache that title changes and participant changes do not invalidate" },
  { name: "patch-answers-previous", clause: "10.4", description: "PATCH /conversations/{id} answers the conversation as it was before the change" },
  { name: "add-participant-201", clause: "10.5", description: "POST .../participants answers 201 instead of 200" },
  { name: "remove-participant-200", clause: "10.6", description: "DELETE .../participants/{userId} answers 200 with the conversation instead of 204" },
  { name: "limit-not-capped", clause: "10.7", description: "GET .../messages serves any limit, more than 100 messages included" },
  { name: "after-seq-inclusive", clause: "10.7", description: "GET .../messages includes the message whose seq equals afterSeq" },
  { name: "rest-repeat-201", clause: "10.8", description: "a repeated clientMessageId over REST answers 201 instead of 200" },
  { name: "rest-edit-not-broadcast", clause: "10.9", description: "PATCH .../messages/{mid} stores the edit but broadcasts nothing" },
  { name: "rest-delete-not-broadcast", clause: "10.10", description: "DELETE .../messages/{mid} deletes but broadcasts nothing" },
  { name: "rest-read-201", clause: "10.11", description: "POST .../read answers 201 instead of 200" },
];

const NAMES = new Set(FAULTS.map((f) => f.name));

/**
 * The one fault this process runs with, or none. A single switch for the whole process, set once at start-up
 * (server.js), so the spots that consult it need no extra parameter threaded through every layer.
 */
class FaultSwitch {
  constructor() {
    this.name = null;
  }

  /** @param {string|null} name a name from FAULTS, or null for a healthy server */
  activate(name) {
    if (name != null && !NAMES.has(name)) {
      throw new Error(`unknown fault '${name}'`);
    }
    this.name = name ?? null;
  }

  /** True when the server was started with this (existing) fault. */
  is(name) {
    if (!NAMES.has(name)) {
      throw new Error(`no fault is named '${name}'`); // a typo in the code must not silently disable a fault
    }
    return this.name === name;
  }
}

export function isKnownFault(name) {
  return NAMES.has(name);
}

export const fault = new FaultSwitch();
