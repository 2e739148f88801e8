// The contract's error codes (§4.4) and the one exception type every layer throws. REST maps it to a status in
// rest/respond.js, the socket layer to an ack or an `error` event in realtime/event-handlers.js.

export const STATUS_BY_CODE = Object.freeze({
  invalid_payload: 400,
  not_found: 404,
  forbidden: 403,
  rate_limited: 429,
  token_expired: 401,
  internal: 500,
});

export class ChatError extends Error {
  /**
   * @param {keyof STATUS_BY_CODE} code
   * @param {string} message for people; only the code is contract (§11)
   * @param {{retryAfterMs?: number}} [extra]
   */
  constructor(code, message, extra = {}) {
    super(message);
    this.code = code;
    this.retryAfterMs = extra.retryAfterMs;
  }
}

export const invalid = (message) => new ChatError("invalid_payload", message);

/** One wording for every hidden or missing thing, so that the answers cannot be told apart (§3.3). */
export const notFound = () => new ChatError("not_found", "no such conversation or message");

export const forbidden = (message) => new ChatError("forbidden", message);
