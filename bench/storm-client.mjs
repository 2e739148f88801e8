// The plain-client baseline of `load connections`: the same storm made with the official socket.io-client
// (interop/node's, WebSocket only, no reconnection), so the generator's own connect cost can be told from the
// server's. ROOMS x MEMBERS users of one fresh tenant, rooms created over REST as the generator creates them (so
// each user has the same contacts to be told 'user-online'), one socket each, opened at RATE a second; the connect
// latency runs from io() to the 'connect' event (TCP, upgrade, Engine.IO open, Socket.IO CONNECT with the token).
// Sockets are held HOLD seconds after the last one was opened, then closed.
//
// CLIENT "thin" makes the same storm with the bare `ws` WebSocket client the official one is built on, speaking
// only what a connect cannot skip: the Engine.IO open, the Socket.IO CONNECT with the token, pongs; other frames
// are left unread. It is the cheapest client this machine can run, so a storm it cannot finish in time is the
// server's (or the machine's) limit, not a client's.
//
//   node bench/storm-client.mjs URL SECRET ROOMS MEMBERS RATE HOLD OUT_DIR [official|thin]
//
// Writes OUT_DIR/fanout-summary.json with the "connections" object of `load connections`' summary (planned,
// connected, failed, connectLatencyMs p50/p99/max), so bench/storm_row.py reads both the same way.
import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";

const require = createRequire(new URL("../interop/node/package.json", import.meta.url));
const { io } = require("socket.io-client");
const WebSocket = require("ws");

const [url, secret, roomsArg, membersArg, rateArg, holdArg, outDir, client = "official"] = process.argv.slice(2);
if (!outDir || !["official", "thin"].includes(client)) {
  console.error("usage: node bench/storm-client.mjs URL SECRET ROOMS MEMBERS RATE HOLD_SECONDS OUT_DIR [official|thin]");
  process.exit(2);
}
const rooms = Number(roomsArg);
const members = Number(membersArg);
const rate = Number(rateArg);
const holdMs = Number(holdArg) * 1000;
const CONNECT_TIMEOUT_MS = 10_000;
const tenant = "storm-" + randomUUID().slice(0, 8);

const b64url = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

/** An HS256 token of the contract: sub, tenant_id, iat, exp. */
function token(sub) {
  const now = Math.floor(Date.now() / 1000);
  const unsigned = b64url({ alg: "HS256", typ: "JWT" }) + "." + b64url({ sub, tenant_id: tenant, iat: now, exp: now + 3600 });
  return unsigned + "." + createHmac("sha256", secret).update(unsigned).digest("base64url");
}

const users = [];
for (let r = 0; r < rooms; r++) {
  const ids = Array.from({ length: members }, (_, m) => `u-${r}-${m}`);
  const response = await fetch(`${url}/api/v2/conversations`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token(ids[0])}` },
    body: JSON.stringify({ title: `storm room ${r}`, participantIds: ids.slice(1) }),
  });
  if (response.status !== 201 && response.status !== 200) {
    console.error(`POST /api/v2/conversations answered ${response.status} ${await response.text()}`);
    process.exit(1);
  }
  ids.forEach((id) => users.push(token(id)));
}

/** One official socket.io-client socket; calls done(true) once connected, done(false) on a refusal. */
function officialSocket(jwt, done) {
  const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { token: jwt } });
  socket.once("connect", () => done(true));
  socket.once("connect_error", () => done(false));
  return () => socket.close();
}

const CHAR_0 = 0x30, CHAR_2 = 0x32, CHAR_4 = 0x34;
const wsUrl = url.replace(/^http/, "ws") + "/socket.io/?EIO=4&transport=websocket";

/** The same socket on bare `ws`: Engine.IO open -> send CONNECT with the token -> '40' (connected) or '44'. */
function thinSocket(jwt, done) {
  const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
  let connected = false;
  ws.on("message", (data) => {
    if (data[0] === CHAR_2 && data.length === 1) ws.send("3"); // Engine.IO ping
    else if (connected) return; // events, e.g. 'user-online': not read
    else if (data[0] === CHAR_0) ws.send("40" + JSON.stringify({ token: jwt }));
    else if (data[0] === CHAR_4 && data[1] === CHAR_0) { connected = true; done(true); }
    else if (data[0] === CHAR_4 && data[1] === CHAR_4) done(false);
  });
  ws.on("error", () => done(false));
  ws.on("close", () => done(false)); // ignored once connected
  return () => ws.close();
}

const openSocket = client === "thin" ? thinSocket : officialSocket;
const t0 = performance.now();
const latencies = [];
let failed = 0;
const sockets = [];
const done = users.map(
  (jwt, i) =>
    new Promise((resolve) => {
      setTimeout(() => {
        const start = performance.now();
        let settled = false;
        const settle = (ok) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (ok) latencies.push(performance.now() - start);
          else failed++;
          resolve();
        };
        const timer = setTimeout(() => settle(false), CONNECT_TIMEOUT_MS);
        sockets.push(openSocket(jwt, settle));
      }, (i * 1000) / rate);
    }),
);
await Promise.all(done);
const lastOpenedAt = ((users.length - 1) * 1000) / rate;
await new Promise((resolve) => setTimeout(resolve, Math.max(0, t0 + lastOpenedAt + holdMs - performance.now())));
sockets.forEach((close) => close());

latencies.sort((a, b) => a - b);
const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] : null);
const summary = {
  scenario: `connections (${client === "thin" ? "bare ws client" : "plain socket.io-client"})`,
  connections: {
    planned: users.length,
    connected: latencies.length,
    failed,
    connectLatencyMs: { count: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? null },
  },
};
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/fanout-summary.json`, JSON.stringify(summary, null, 2));
console.log(JSON.stringify(summary.connections));
process.exit(0);
