// Drives the official socket.io-client 4.x against a server under test and prints one JSON line per step on
// stdout; the JVM test reads and asserts them. Usage: node driver.mjs <scenario> <url> <transports>
//   scenario:   full | silent
//   transports: websocket | polling | polling,websocket (the last one upgrades)
// The expected server behaviour is in socketio's NodeClientInteropTest (namespaces "/" and "/second").
import { io } from "socket.io-client";

const [, , scenario, url, transportsArg] = process.argv;
const transports = transportsArg.split(",");
const STEP_TIMEOUT_MS = 15000;

function out(step, data = {}) {
  process.stdout.write(JSON.stringify({ step, ...data }) + "\n");
}

function fail(message) {
  out("error", { message });
  process.exit(1);
}

function within(promise, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error("timeout: " + what)), STEP_TIMEOUT_MS)),
  ]);
}

function once(emitter, event) {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
}

function options(extra = {}) {
  return { transports, reconnection: false, forceNew: true, upgrade: transports.length > 1, ...extra };
}

async function connected(socket) {
  const result = await within(
    Promise.race([
      once(socket, "connect").then(() => ({ ok: true })),
      once(socket, "connect_error").then(([err]) => ({ ok: false, err })),
    ]),
    "connect",
  );
  if (!result.ok) fail("connect_error: " + result.err.message);
}

async function upgradedIfAsked(socket) {
  if (transports.length > 1 && socket.io.engine.transport.name !== "websocket") {
    await within(once(socket.io.engine, "upgrade"), "upgrade");
  }
}

const toBase64 = (b) => Buffer.from(b).toString("base64");

// emitWithAck resolves with the first ack argument only; this resolves with all of them.
function emitAck(socket, event, ...args) {
  return new Promise((resolve) => socket.emit(event, ...args, (...ackArgs) => resolve(ackArgs)));
}

async function full() {
  const socket = io(url, options({ auth: { token: "good" } }));
  const welcome = once(socket, "welcome");
  await connected(socket);
  out("connect", { id: socket.id, transport: socket.io.engine.transport.name });
  const [auth] = await within(welcome, "welcome");
  out("welcome", { auth });

  // emit with an ack, possibly still on polling when upgrading
  const echoed = await within(emitAck(socket, "echo", 1, "two", { three: [3] }), "echo ack");
  out("echo-ack", { args: echoed });

  await upgradedIfAsked(socket);
  out("transport", { name: socket.io.engine.transport.name });

  // binary both ways: an ack carrying the bytes back, and an event
  const binaryBack = once(socket, "binary-back");
  const binaryAck = await within(
    emitAck(socket, "binary", Buffer.from([1, 2, 3]), { nested: Buffer.from([4, 5]) }),
    "binary ack",
  );
  out("binary-ack", { first: toBase64(binaryAck[0]), nested: toBase64(binaryAck[1].nested) });
  const [b1, b2] = await within(binaryBack, "binary-back");
  out("binary-back", { first: toBase64(b1), nested: toBase64(b2.nested) });

  // an ack the other way: the server asks, the client answers
  socket.on("question", (q, cb) => cb("answer:" + q));
  const answered = once(socket, "client-answered");
  socket.emit("ask-client");
  const [answer] = await within(answered, "client-answered");
  out("client-answered", { answer });

  // a second namespace on the same connection (manager.socket() connects it: a second connect() call would send a
  // second CONNECT, which socket.io's own server answers by closing the connection when it is not a race)
  const second = socket.io.socket("/second");
  await connected(second);
  const secondAck = await within(emitAck(second, "echo", "in second"), "second echo");
  out("second", { ack: secondAck, sameEngine: second.io.engine.id === socket.io.engine.id });

  // an unknown namespace
  const unknown = socket.io.socket("/nope");
  const unknownError = once(unknown, "connect_error");
  unknown.connect();
  const [err] = await within(unknownError, "unknown namespace error");
  out("unknown-namespace", { message: err.message });

  // a middleware refusal with data, on a connection of its own
  const refused = io(url, options({ auth: { token: "bad" } }));
  const [refusal] = await within(once(refused, "connect_error"), "refusal");
  out("refused", { message: refusal.message, data: refusal.data });
  refused.close();

  // the client leaves a namespace
  second.disconnect();
  out("second-disconnected");

  // the server disconnects the main socket
  const disconnected = once(socket, "disconnect");
  socket.emit("kick");
  const [reason] = await within(disconnected, "server disconnect");
  out("kicked", { reason });
  socket.io.engine.close();
}

async function silent() {
  const socket = io(url, options({ auth: { token: "good" } }));
  await connected(socket);
  await upgradedIfAsked(socket);
  out("connect", { id: socket.id, transport: socket.io.engine.transport.name });
  // From now on nothing leaves the client, pongs included: the server must time it out.
  socket.io.engine.transport.send = () => {};
  const [reason] = await within(once(socket, "disconnect"), "disconnect after silence");
  out("disconnected", { reason });
}

const scenarios = { full, silent };
if (!scenarios[scenario]) fail("unknown scenario " + scenario);
try {
  await scenarios[scenario]();
  out("done");
  process.exit(0);
} catch (e) {
  fail(String(e && e.message ? e.message : e));
}
