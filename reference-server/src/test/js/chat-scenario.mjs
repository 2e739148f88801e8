// Drives the official JavaScript socket.io-client 4.x through a Chat v2 scenario against the reference server and
// prints one JSON line per observation on stdout; NodeClientTest (JUnit) asserts them.
// Usage: node chat-scenario.mjs <baseUrl> <transports> <conversationId> <aliceToken> <bobToken>
//   transports: websocket | polling | polling,websocket (the last one upgrades)
// socket.io-client is resolved from interop/node (INTEROP_NODE_DIR), installed there by the Maven build.
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(join(process.env.INTEROP_NODE_DIR, "package.json"));
const { io } = require("socket.io-client");

const [, , url, transportsArg, conversationId, aliceToken, bobToken] = process.argv;
const transports = transportsArg.split(",");
const STEP_TIMEOUT_MS = 15000;

const out = (step, data = {}) => process.stdout.write(JSON.stringify({ step, ...data }) + "\n");

function within(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("timeout: " + what)), STEP_TIMEOUT_MS); }),
  ]).finally(() => clearTimeout(timer));
}

const next = (socket, event) => within(new Promise((resolve) => socket.once(event, resolve)), event);
const ack = (socket, event, payload) => within(socket.emitWithAck(event, payload), "ack of " + event);

function connect(auth) {
  const socket = io(url, { transports, upgrade: transports.length > 1, reconnection: false, forceNew: true, auth });
  return within(new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(Object.assign(new Error("connect_error"), { data: err.data, text: err.message })));
  }), "connect");
}

async function main() {
  // a refused connection: message "unauthorized", data {code}
  try {
    const s = await connect({});
    s.close();
    out("refused", { refused: false });
  } catch (e) {
    out("refused", { refused: true, message: e.text, data: e.data ?? null });
  }

  const bob = await connect({ token: bobToken });
  const bobOnline = next(bob, "user-online");
  const alice = await connect({ token: aliceToken });
  out("user-online", await bobOnline);

  out("join", await ack(alice, "join-conversation", { conversationId }));
  await ack(bob, "join-conversation", { conversationId });

  const bobGetsMessage = next(bob, "message");
  const sent = await ack(alice, "message", { conversationId, body: "hello from node", clientMessageId: "node-1" });
  out("message-ack", sent);
  out("message-received", await bobGetsMessage);
  out("message-repeat-ack", await ack(alice, "message", { conversationId, body: "hello from node", clientMessageId: "node-1" }));

  const bobGetsTyping = next(bob, "typing");
  out("typing-ack", await ack(alice, "typing", { conversationId, isTyping: true }));
  out("typing-received", await bobGetsTyping);

  const messageId = sent.data.id;
  const aliceGetsRead = next(alice, "message-read");
  out("read-ack", await ack(bob, "message-read", { conversationId, messageId }));
  out("read-received", await aliceGetsRead);

  const bobGetsEdit = next(bob, "message-edited");
  out("edit-ack", await ack(alice, "message-edited", { conversationId, messageId, body: "edited" }));
  out("edit-received", await bobGetsEdit);

  out("forbidden-ack", await ack(bob, "message-deleted", { conversationId, messageId }));

  const bobGetsDelete = next(bob, "message-deleted");
  out("delete-ack", await ack(alice, "message-deleted", { conversationId, messageId }));
  out("delete-received", await bobGetsDelete);

  const bobGetsPresence = next(bob, "presence-update");
  out("presence-ack", await ack(alice, "presence-update", { status: "away", statusText: "lunch" }));
  out("presence-received", await bobGetsPresence);

  out("unknown-ack", await ack(alice, "no-such-event", {}));
  out("not-found-ack", await ack(alice, "join-conversation", { conversationId: "no-such-conversation" }));
  const aliceGetsError = next(alice, "error");
  alice.emit("message", { conversationId });
  out("error-event", await aliceGetsError);

  out("transport", { name: alice.io.engine.transport.name });
  const bobGetsOffline = next(bob, "user-offline");
  alice.close();
  out("user-offline", await bobGetsOffline);
  bob.close();
  out("done");
}

main().then(() => process.exit(0), (e) => {
  out("error", { message: String(e && e.message), data: e && e.data });
  process.exit(1);
});
