// The Socket.IO side (§1.1-§1.4, §2): one namespace "/" at /socket.io/, the handshake's Origin and token checked
// before anything else, then the chat events.
import { AuthError, bearerToken } from "../auth/token-verifier.js";
import { fault } from "../faults.js";
import { attachEventHandlers } from "./event-handlers.js";
import { guardedParser } from "./guarded-parser.js";
import { disconnectAtExpiry } from "./token-expiry.js";

/** The largest Engine.IO packet a client may send (§1.4). */
export const MAX_PAYLOAD = 1_000_000;
/** Sockets one user may hold at once; more are refused, so that one token cannot exhaust the server. */
export const MAX_SOCKETS_PER_USER = 100;

/**
 * @param {object} deps
 * @param {import("node:http").Server} deps.httpServer
 * @param {{Server: Function, parser: object}} deps.socketio the socket.io copy to run (pinned or latest)
 * @param {string[]} deps.allowedOrigins
 * @param {import("../auth/token-verifier.js").TokenVerifier} deps.verifier
 * @param {(io: object) => import("../chat/chat-service.js").ChatService} deps.serviceFor
 * @param {(message: string, error: unknown) => void} deps.logInternal
 */
export function createSocketServer({ httpServer, socketio, allowedOrigins, verifier, serviceFor, notifierFor, logInternal }) {
  const io = new socketio.Server(httpServer, {
    path: "/socket.io/",
    serveClient: false,
    parser: fault.is("stock-parser") ? socketio.parser : guardedParser(socketio.parser),
    maxHttpBufferSize: fault.is("max-payload-off-by-one") ? MAX_PAYLOAD - 1 : MAX_PAYLOAD,
    allowEIO3: fault.is("eio3-handshake-accepted"),
    transports: fault.is("polling-disabled") ? ["websocket"] : ["polling", "websocket"],
    allowUpgrades: !fault.is("upgrade-disabled"),
    allowRequest: (req, callback) => callback(null, originAllowed(req, allowedOrigins)),
    cors: allowedOrigins.length > 0 ? { origin: allowedOrigins, credentials: true } : undefined,
  });
  refuseOversizePolling(httpServer, fault.is("max-payload-off-by-one") ? MAX_PAYLOAD - 1 : MAX_PAYLOAD);
  const notifier = notifierFor(io);
  const service = serviceFor(notifier);
  const socketsPerUser = new Map();

  io.use((socket, next) => {
    let user;
    try {
      user = verifier.verify(handshakeToken(socket.handshake));
    } catch (e) {
      if (!(e instanceof AuthError)) {
        logInternal("handshake check failed", e);
      }
      return next(refusal(e instanceof AuthError ? e.code : "token_invalid"));
    }
    const key = JSON.stringify([user.tenant, user.sub]);
    if ((socketsPerUser.get(key) ?? 0) >= MAX_SOCKETS_PER_USER) {
      const err = new Error("rate_limited");
      err.data = { code: "rate_limited" };
      return next(err);
    }
    socket.data.user = user;
    socket.data.userKey = key;
    next();
  });

  io.on("connection", (socket) => {
    const { user, userKey } = socket.data;
    socketsPerUser.set(userKey, (socketsPerUser.get(userKey) ?? 0) + 1);
    // Listeners first, in this same tick: an event that arrives before them would be lost.
    attachEventHandlers(socket, user, service, logInternal);
    notifier.enter(socket, user.tenant, user.sub);
    disconnectAtExpiry(socket, user.expMs);
    service.socketOpened(user).catch((e) => logInternal("user-online failed", e));
    socket.once("disconnect", () => {
      const left = (socketsPerUser.get(userKey) ?? 1) - 1;
      if (left === 0) {
        socketsPerUser.delete(userKey);
      } else {
        socketsPerUser.set(userKey, left);
      }
      service.socketClosed(user).catch((e) => logInternal("user-offline failed", e));
    });
  });

  return { io, service };
}

/**
 * Answers a long-polling POST whose Content-Length is over maxPayload with 413 and `Connection: close`, before
 * engine.io reads it. engine.io refuses such a body too, but 6.6 (socket.io 4.8) destroys the TCP connection right
 * after its 413, and a client that had already put the connection back in its keep-alive pool sees its next
 * request fail with no answer at all. Closing cleanly tells the client not to reuse the connection; the session
 * itself is untouched, since its packets were never read.
 */
function refuseOversizePolling(httpServer, maxPayload) {
  const engineListeners = httpServer.listeners("request"); // engine.io's, which calls ours for other paths
  httpServer.removeAllListeners("request");
  httpServer.on("request", (req, res) => {
    const length = Number(req.headers["content-length"]);
    if (req.method === "POST" && req.url.startsWith("/socket.io/") && length > maxPayload) {
      res.writeHead(413, { Connection: "close", "Content-Type": "text/plain; charset=utf-8" });
      res.end("payload too large");
      req.resume(); // discard what the client still sends until the connection closes
      return;
    }
    for (const listener of engineListeners) {
      listener.call(httpServer, req, res);
    }
  });
}

/** A handshake without Origin (not a browser) is allowed; one with an Origin only if it is listed (§2.14). */
function originAllowed(req, allowedOrigins) {
  const origin = req.headers.origin;
  if (origin === undefined) {
    return true;
  }
  if (fault.is("origin-websocket-only") && req.headers.upgrade === undefined) {
    return true;
  }
  return allowedOrigins.includes(origin);
}

/** The token of the auth payload {token} (§2.2) or of an Authorization: Bearer header (§2.3), never the URL's (§2.4). */
function handshakeToken(handshake) {
  const auth = handshake.auth;
  if (!fault.is("auth-payload-ignored") && typeof auth === "object" && auth !== null
      && auth.token !== undefined && auth.token !== null) {
    return auth.token;
  }
  const header = fault.is("bearer-header-ignored") ? null : bearerToken(handshake.headers.authorization);
  if (header !== null) {
    return header;
  }
  if (fault.is("query-token-accepted") && typeof handshake.query.token === "string") {
    return handshake.query.token;
  }
  return undefined;
}

/** The CONNECT_ERROR of a refused handshake (§2.11): message "unauthorized", data {code}. */
function refusal(code) {
  if (fault.is("connect-error-code-as-message")) {
    return new Error(code);
  }
  const err = new Error("unauthorized");
  err.data = { code };
  return err;
}
