// Reads a JSON request body: at most MAX_BODY_BYTES, UTF-8, JSON. Anything else is a client mistake
// (invalid_payload, 400), never a server error (§1.5).
import { invalid } from "../errors.js";
import { fault } from "../faults.js";

/** The same bound as a socket packet (§1.4): a REST body may carry what an event may. */
export const MAX_BODY_BYTES = 1_000_000;
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** @returns {Promise<unknown>} the parsed body; undefined when the request has none */
export function readJsonBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (refused) {
        if (size > DRAIN_LIMIT_BYTES) {
          req.destroy(); // the 400 is long sent; do not read an endless upload
        }
        return; // keep draining for a while so that the client can read the 400
      }
      if (size > MAX_BODY_BYTES) {
        refused = true;
        chunks.length = 0;
        reject(invalid(`the body is larger than ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => reject(invalid("the body could not be read")));
    req.on("end", () => {
      if (refused) {
        return;
      }
      const bytes = Buffer.concat(chunks);
      if (bytes.length === 0) {
        resolve(undefined);
        return;
      }
      let text;
      try {
        text = utf8.decode(bytes);
      } catch {
        reject(invalid("the body is not valid UTF-8"));
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch (e) {
        // bad-json-500: the parser's SyntaxError goes on to the generic handler, which answers 500
        reject(fault.is("bad-json-500") ? e : invalid("the body is not JSON"));
      }
    });
  });
}
