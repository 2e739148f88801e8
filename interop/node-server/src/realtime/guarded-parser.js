// A socket.io parser that refuses, while decoding, the packets that would crash the process later.
//
// The crash (socket.io 4.7.2 and 4.8.4 alike, any Node 20): a connected client sends one EVENT packet whose
// JSON array has tens of thousands of elements, e.g. 42["message",0,0,...] with 100,000 zeros (a 200 KB
// WebSocket frame, a fifth of maxHttpBufferSize). socket.io-parser decodes it without complaint; Socket.onevent
// turns it into an argument list and Socket.dispatch calls, on a later tick (process.nextTick),
// `super.emitUntyped.apply(this, event)`, which spreads the arguments once more into EventEmitter#emit. Past
// roughly 40,000 arguments V8 cannot fit them on the stack:
//
//   RangeError: Maximum call stack size exceeded
//       at Socket.emitUntyped (socket.io/dist/typed-events.js:69:22)
//       at socket.io/dist/socket.js:704:39      (dispatch's process.nextTick callback)
//       at process.processTicksAndRejections (node:internal/process/task_queues:77:11)
//
// It is thrown outside any handler of ours, so no try/catch in an event listener can stop it: the exception is
// uncaught and the process exits, taking every other client with it. (Socket#onAny listeners are called the
// same way, `listener.apply(this, args)`, synchronously inside the WebSocket's message callback.)
//
// The guard sits at the one place every packet passes before it becomes a call: the Decoder. An EVENT with more
// than MAX_ARGUMENTS arguments keeps its name and its ack id, but its arguments are replaced, right after
// decoding, by a single TooManyArguments marker: socket.io then dispatches an ordinary two-argument call, and
// the event handler answers it like any other bad payload, with an invalid_payload ack (or error event), the
// connection staying open (§4.5). The other packets that carry arguments (ACK, and the BINARY_ forms, whose
// attachments are counted against the arguments) have no handler of ours to answer them: past the bound they
// are thrown out as a decoding error, which socket.io's Client handles like any malformed packet, by closing
// that one connection ("parse error"). Either way nothing is spread onto the stack and no other connection
// notices. Every event of the Chat v2 contract has one payload and an optional ack, so 16 arguments leave
// ample room for clients that send extra ones.

export const MAX_ARGUMENTS = 16;

/**
 * @param {object} base the socket.io-parser module that the chosen socket.io copy itself uses
 * @returns {object} a parser for socket.io's `parser` option
 */
export function guardedParser(base) {
  const carriesArguments = new Set([
    base.PacketType.EVENT,
    base.PacketType.ACK,
    base.PacketType.BINARY_EVENT,
    base.PacketType.BINARY_ACK,
  ]);

  class GuardedDecoder extends base.Decoder {
    decodeString(str) {
      const packet = super.decodeString(str);
      if (carriesArguments.has(packet.type) && Array.isArray(packet.data) && packet.data.length > MAX_ARGUMENTS) {
        if (packet.type === base.PacketType.EVENT) {
          packet.data = [packet.data[0], new TooManyArguments(packet.data.length - 1)];
          return packet;
        }
        throw new Error(`packet with ${packet.data.length} arguments refused (at most ${MAX_ARGUMENTS})`);
      }
      return packet;
    }
  }

  return { ...base, Decoder: GuardedDecoder };
}

/** Stands in for the arguments of an event that had too many; the event handler answers it invalid_payload. */
export class TooManyArguments {
  constructor(count) {
    this.count = count;
  }
}
