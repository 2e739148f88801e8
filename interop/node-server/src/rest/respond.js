// Writing REST answers: JSON in UTF-8 (§1.5), errors as {"error":{"code","message"}} with the status of their
// code (§4.6), 401 with WWW-Authenticate (§2.13), 429 with the rate-limit headers (§9.5).
import { STATUS_BY_CODE } from "../errors.js";
import { fault } from "../faults.js";

export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendNoContent(res) {
  res.writeHead(204, { "Cache-Control": "no-store" });
  res.end();
}

/** @param {import("../errors.js").ChatError} error */
export function sendChatError(res, error) {
  let status = STATUS_BY_CODE[error.code] ?? 500;
  if (status === 400 && fault.is("validation-422")) {
    status = 422;
  }
  const headers = error.code === "rate_limited" ? rateLimitHeaders(error) : {};
  sendJson(res, status, { error: { code: error.code, message: error.message } }, headers);
}

/** 401 for a missing, invalid or expired token; `code` says which (token_missing, token_invalid...). */
export function sendUnauthorized(res, code, message) {
  const headers = fault.is("rest-401-without-www-authenticate")
    ? {}
    : { "WWW-Authenticate": `Bearer error="invalid_token", error_description="${code}"` };
  sendJson(res, 401, { error: { code, message } }, headers);
}

/**
 * Retry-After in whole seconds, and the IETF draft fields (draft-ietf-httpapi-ratelimit-headers):
 * RateLimit `"message";r=0;t=1` (remaining, seconds to wait) and RateLimit-Policy `"message";q=20;w=2` (the
 * bucket's size and the seconds it takes to refill from empty).
 */
function rateLimitHeaders(error) {
  const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
  const headers = { "Retry-After": String(seconds) };
  if (!fault.is("rest-429-without-ratelimit-headers") && error.policy) {
    const window = Math.max(1, Math.ceil(error.policy.capacity / error.policy.perSecond));
    headers.RateLimit = `"${error.bucket}";r=0;t=${seconds}`;
    headers["RateLimit-Policy"] = `"${error.bucket}";q=${error.policy.capacity};w=${window}`;
  }
  return headers;
}
