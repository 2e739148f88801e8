// The shapes and limits of what clients send (§4.5, §7.3-§7.5), one function per kind of value. Each throws
// invalid_payload naming the field, so a client learns what to fix.
import { invalid } from "../errors.js";
import { fault } from "../faults.js";

export const MAX_BODY = 4000;
export const MAX_ID = 64;
export const MAX_TITLE = 200;
export const MAX_STATUS_TEXT = 200;
export const MAX_PARTICIPANTS = 1000;
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 50;
export const STATUSES = ["online", "away", "busy"];

/** Characters as a person counts them: code points, so an emoji is one character, not two UTF-16 units. */
export function characters(text) {
  let n = 0;
  for (const _ of text) {
    n++;
  }
  return n;
}

export function requireObject(payload, what = "the payload") {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw invalid(`${what} must be a JSON object`);
  }
  return payload;
}

export function checkId(field, value) {
  if (typeof value !== "string" || value.length < 1 || characters(value) > MAX_ID) {
    throw invalid(`${field} must be a string of 1 to ${MAX_ID} characters`);
  }
  return value;
}

export function checkBody(value, field = "body") {
  if (typeof value !== "string") {
    throw invalid(`${field} must be a string of 1 to ${MAX_BODY} characters`);
  }
  const n = characters(value);
  const tooLong = fault.is("body-limit-exclusive") ? !(n < MAX_BODY) : n > MAX_BODY;
  if (n < 1 || tooLong) {
    throw invalid(`${field} must be a string of 1 to ${MAX_BODY} characters`);
  }
  return value;
}

/** clientMessageId: absent or null for none, else an id (§7.4). */
export function checkClientMessageId(value) {
  if (value === undefined || value === null) {
    return null;
  }
  if (fault.is("client-message-id-unbounded") && typeof value === "string" && value.length > 0) {
    return value;
  }
  return checkId("clientMessageId", value);
}

/** title: absent or null for none, else at most MAX_TITLE characters (§7.5). */
export function checkTitle(value) {
  if (value === undefined || value === null) {
    return null;
  }
  const limit = fault.is("title-limit-off-by-one") ? MAX_TITLE + 1 : MAX_TITLE;
  if (typeof value !== "string" || characters(value) > limit) {
    throw invalid(`title must be null or a string of at most ${MAX_TITLE} characters`);
  }
  return value;
}

export function checkStatus(value) {
  if (!STATUSES.includes(value)) {
    throw invalid(`status must be one of ${STATUSES.join(", ")}`);
  }
  return value;
}

export function checkStatusText(value) {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== "string" || characters(value) > MAX_STATUS_TEXT) {
    throw invalid(`statusText must be null or a string of at most ${MAX_STATUS_TEXT} characters`);
  }
  return value;
}

export function checkBoolean(field, value) {
  if (typeof value !== "boolean") {
    throw invalid(`${field} must be true or false`);
  }
  return value;
}

/** participantIds of a new conversation: distinct ids, at most MAX_PARTICIPANTS. */
export function checkParticipantIds(value) {
  if (!Array.isArray(value) || value.length > MAX_PARTICIPANTS) {
    throw invalid(`participantIds must be an array of at most ${MAX_PARTICIPANTS} user ids`);
  }
  value.forEach((id) => checkId("participantIds[]", id));
  return [...new Set(value)];
}

/** A query parameter that must be a whole number within [min, max], or absent (then `fallback`). */
export function checkQueryInteger(name, text, min, fallback) {
  if (text === null) {
    return fallback;
  }
  if (!/^\d{1,15}$/.test(text) || Number(text) < min) {
    throw invalid(`${name} must be a whole number of at least ${min}`);
  }
  return Number(text);
}
