// Requests that Node's HTTP parser refuses before any handler sees them: a request line or headers over Node's
// 16 KB limit, a malformed request. Node's own answer is a bare "431" or "400" without a body, after which it
// destroys the socket at once; a client still sending its long request then gets a connection reset instead of
// the answer. Here the answer is a contract error body (§4.6) with Content-Length, and the rest of the request
// is read and dropped until the client closes, so that the answer arrives.
import { STATUS_CODES } from "node:http";

const LINGER_MS = 5000;

/** @param {import("node:http").Server} httpServer */
export function answerParserErrors(httpServer) {
  httpServer.on("clientError", (error, socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const message = error.code === "HPE_HEADER_OVERFLOW"
      ? "the request line and headers are larger than 16 KB"
      : "the request is not valid HTTP/1.1";
    const body = JSON.stringify({ error: { code: "invalid_payload", message } });
    socket.end(`HTTP/1.1 400 ${STATUS_CODES[400]}\r\nContent-Type: application/json; charset=utf-8\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    socket.resume(); // drop what the client still sends: closing with unread data would reset the connection
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}
