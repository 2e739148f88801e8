// The plain-client baseline of `load connections`: the same storm made with the official socket.io-client
// (interop/node's, WebSocket only, no reconnection), so the generator's own connect cost can be told from the
// server's. ROOMS x MEMBERS users of one fresh tenant, rooms created over REST as the generator creates them (so
// each user has the same contacts to be told 'user-online'), one socket each, opened at RATE a second; the connect
// latency runs from io() to the 'connect' event (TCP, upgrade, Engine.IO open, Socket.IO CONNECT with the token).
// Sockets are held HOLD seconds after the last one was opened, then closed.
//
//   node bench/storm-client.mjs URL SECRET ROOMS MEMBERS RATE HOLD OUT_DIR
//
// Writes OUT_DIR/fanout-summary.json with the "connections" object of `load connections`' summary (planned,
// connected, failed, connectLatencyMs p50/p99/max), so bench/storm_row.py reads both the same way.
import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";

const require = createRequire(new URL("../interop/node/package.json", import.meta.url));
const { io } = require("socket.io-client");

const [url, secret, roomsArg, membersArg, rateArg, holdArg, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: node bench/storm-client.mjs URL SECRET ROOMS MEMBERS RATE HOLD_SECONDS OUT_DIR");
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

const t0 = performance.now();
const latencies = [];
let failed = 0;
const sockets = [];
const done = users.map(
  (jwt, i) =>
    new Promise((resolve) => {
      setTimeout(() => {
        const start = performance.now();
        const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { token: jwt } });
        sockets.push(socket);
        const timer = setTimeout(() => { failed++; resolve(); }, CONNECT_TIMEOUT_MS);
        socket.once("connect", () => { clearTimeout(timer); latencies.push(performance.now() - start); resolve(); });
        socket.once("connect_error", () => { clearTimeout(timer); failed++; resolve(); });
      }, (i * 1000) / rate);
    }),
);
await Promise.all(done);
const lastOpenedAt = ((users.length - 1) * 1000) / rate;
await new Promise((resolve) => setTimeout(resolve, Math.max(0, t0 + lastOpenedAt + holdMs - performance.now())));
sockets.forEach((s) => s.close());

latencies.sort((a, b) => a - b);
const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] : null);
const summary = {
  scenario: "connections (plain socket.io-client)",
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
