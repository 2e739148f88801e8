// Every HTTP request that is not Socket.IO's: GET /health without a token (§1.6), /api/v2 with one (§2.13).
// Errors are mapped to answers here and nowhere else.
import { AuthError, bearerToken } from "../auth/token-verifier.js";
import { ChatError, invalid, notFound } from "../errors.js";
import { fault } from "../faults.js";
import { readJsonBody } from "./read-body.js";
import { sendChatError, sendJson, sendNoContent, sendUnauthorized } from "./respond.js";
import { matchRoute } from "./routes.js";

const API_PREFIX = "/api/v2";

/**
 * @param {{verifier: import("../auth/token-verifier.js").TokenVerifier, service: () => any,
 *   logInternal: (message: string, error: unknown) => void}} deps
 *   `service` is read per request: the chat service exists once the socket side is up
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void}
 */
export function createHttpHandler({ verifier, service, logInternal }) {
  return (req, res) => {
    handle(req, res, verifier, service(), logInternal).catch((e) => {
      if (e instanceof ChatError) {
        sendChatError(res, e);
        return;
      }
      logInternal(`${req.method} ${req.url} failed`, e);
      if (!res.headersSent) {
        sendJson(res, 500, { error: { code: "internal", message: "internal error" } });
      } else {
        res.destroy();
      }
    });
  };
}

async function handle(req, res, verifier, service, logInternal) {
  const path = pathOf(req.url);
  if (fault.is("health-needs-token") && !authenticate(req, res, verifier)) {
    return;
  }
  if (path === "/health") {
    if (req.method !== "GET" && req.method !== "HEAD") {
      throw notFound();
    }
    sendJson(res, 200, { status: "ok" });
    return;
  }
  if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) {
    sendJson(res, 404, { error: { code: "not_found", message: "no such path" } });
    return;
  }
  const user = authenticate(req, res, verifier);
  if (!user) {
    return;
  }
  const segments = path.slice(API_PREFIX.length).split("/").filter((s) => s !== "").map(decodeSegment);
  const match = matchRoute(req.method, segments);
  if (match === null) {
    throw new ChatError("not_found", "no such path or method");
  }
  const query = new URL(req.url, "http://localhost").searchParams;
  const result = await match.route.handle(service, { user, params: match.params, query, body: () => readJsonBody(req) });
  if (result.status === 204) {
    sendNoContent(res);
  } else {
    sendJson(res, result.status, result.body);
  }
}

/** The user of the request's Bearer token, or null after answering 401. */
function authenticate(req, res, verifier) {
  try {
    return verifier.verify(bearerToken(req.headers.authorization));
  } catch (e) {
    if (e instanceof AuthError) {
      sendUnauthorized(res, e.code, e.message);
      return null;
    }
    throw e;
  }
}

function pathOf(url) {
  try {
    return new URL(url, "http://localhost").pathname;
  } catch {
    throw invalid("the request URL cannot be parsed");
  }
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalid("the path has a malformed percent-encoding");
  }
}
