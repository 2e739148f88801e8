#!/usr/bin/env node
// Chat v2 on Node and socket.io, written from specs/ alone. Usage: node server.js --help
import { FAULTS, fault } from "./src/faults.js";
import { OptionError, parseOptions, USAGE } from "./src/config/options.js";
import { loadSocketIo } from "./src/socketio-copy.js";
import { createApp } from "./src/app.js";

const STOP_GRACE_MS = 5000;

function logInternal(message, error) {
  console.error(`[chat-node-server] ${message}:`, error);
}

let options;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (e) {
  if (e instanceof OptionError) {
    console.error(`error: ${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  throw e;
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options.listFaults) {
  console.log(JSON.stringify(FAULTS, null, 2));
  process.exit(0);
}

fault.activate(options.fault);
const socketio = loadSocketIo(options.socketio);
let app;
try {
  app = await createApp(options, socketio, logInternal);
} catch (e) {
  console.error(`error: cannot start: ${e.code ?? e.message}`);
  process.exit(2);
}
let port;
try {
  port = await app.start();
} catch (e) {
  console.error(`error: cannot listen on ${options.host}:${options.port}: ${e.code ?? e.message}`);
  process.exit(2);
}
const v = socketio.versions;
console.error(`chat node-server: socket.io ${v["socket.io"]} (engine.io ${v["engine.io"]}, socket.io-parser ${v["socket.io-parser"]}), `
  + `node ${process.version}, fault: ${options.fault ?? "none"}`);
const shownHost = options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
console.log(`listening on http://${shownHost}:${port}`);

let stopping = false;
function stop(signal) {
  if (stopping) {
    return;
  }
  stopping = true;
  console.error(`chat node-server: ${signal}, closing`);
  setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
  app.stop().then(() => process.exit(0));
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
