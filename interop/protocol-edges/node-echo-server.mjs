// The protocol-echo server on the real socket.io 4.7.2 / engine.io 6.5.x, the reference that compare.sh holds
// `chat-harness serve --protocol-echo` against: the same paths, namespaces, handlers and timings (those of the
// official suites' reference configuration, plus the echo on /custom that ours has too).
//
//   node node-echo-server.mjs [PORT]        (0: a free port; prints "listening on port N")
import { createServer } from "node:http";
import { Server } from "socket.io";
import { Server as EngineServer } from "engine.io";

const port = Number(process.argv[2] ?? 3000);
const http = createServer();
const io = new Server(http, {
  pingInterval: 300,
  pingTimeout: 200,
  maxHttpBufferSize: 1_000_000,
  connectTimeout: 1000,
  cors: { origin: "*" },
});
for (const nsp of [io.of("/"), io.of("/custom")]) {
  nsp.on("connection", (socket) => {
    socket.emit("auth", socket.handshake.auth);
    socket.on("message", (...args) => socket.emit("message-back", ...args));
    socket.on("message-with-ack", (...args) => {
      const ack = args.pop();
      ack(...args);
    });
  });
}
const engine = new EngineServer({ pingInterval: 300, pingTimeout: 200, maxHttpBufferSize: 1_000_000 });
engine.attach(http, { path: "/engine.io/" });
engine.on("connection", (socket) => socket.on("message", (data) => socket.send(data)));
http.listen(port, "127.0.0.1", () => console.log(`node protocol-echo server listening on port ${http.address().port}`));
