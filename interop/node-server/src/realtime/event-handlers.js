// The client-to-server events of §5 and how each is answered (§4): one ack, {ok:true,data} or
// {ok:false,error}; without an ack callback a failure becomes an `error` event and a success says nothing.
import { ChatError, invalid } from "../errors.js";
import { fault } from "../faults.js";
import { requireObject } from "../chat/validation.js";
import { MAX_ARGUMENTS, TooManyArguments } from "./guarded-parser.js";

/** event name -> (service, user, socket, payload) => Promise<ack data> */
const EVENTS = {
  "join-conversation": (svc, user, socket, p) => svc.join(user, socket, p),
  "leave-conversation": (svc, user, socket, p) => svc.leave(user, socket, p),
  message: async (svc, user, socket, p) => {
    requireObject(p);
    return (await svc.sendMessage(user, p.conversationId, p, { except: socket })).message;
  },
  typing: (svc, user, socket, p) => svc.typing(user, p, { except: socket }),
  "message-read": (svc, user, socket, p) => {
    requireObject(p);
    return svc.markRead(user, p.conversationId, p.messageId, { except: socket });
  },
  "message-edited": (svc, user, socket, p) => {
    requireObject(p);
    return svc.editMessage(user, p.conversationId, p.messageId, p, { except: socket });
  },
  "message-deleted": (svc, user, socket, p) => {
    requireObject(p);
    return svc.deleteMessage(user, p.conversationId, p.messageId, { except: socket });
  },
  "presence-update": (svc, user, socket, p) => svc.updatePresence(user, p),
};

/**
 * @param {import("socket.io").Socket} socket an authenticated socket
 * @param {{tenant: string, sub: string}} user
 * @param {import("../chat/chat-service.js").ChatService} service
 * @param {(message: string, error: unknown) => void} logInternal
 */
export function attachEventHandlers(socket, user, service, logInternal) {
  for (const [event, handler] of Object.entries(EVENTS)) {
    socket.on(event, (...args) => answer(socket, event, args, (payload) => handler(service, user, socket, payload), logInternal));
  }
  socket.onAny((event, ...args) => {
    if (!Object.hasOwn(EVENTS, event)) {
      answer(socket, String(event), args, () => {
        throw invalid("unknown event");
      }, logInternal);
    }
  });
}

function answer(socket, event, args, run, logInternal) {
  const ack = typeof args.at(-1) === "function" ? args.at(-1) : null;
  const payload = args.length > 0 && args[0] !== ack ? args[0] : undefined;
  if (fault.is("non-object-payload-disconnects") && (typeof payload !== "object" || payload === null)) {
    socket.disconnect(true); // "protocol abuse"
    return;
  }
  const work = payload instanceof TooManyArguments
    ? () => {
      throw invalid(`an event takes one payload; this one had ${payload.count} arguments (at most ${MAX_ARGUMENTS - 1})`);
    }
    : () => run(payload);
  new Promise((resolve) => resolve(work())).then(
    (data) => ack?.({ ok: true, data }),
    (e) => {
      const error = asChatError(e, event, logInternal);
      if (ack) {
        ack(errorAck(error));
      } else if (!fault.is("no-error-event-without-ack")) {
        socket.emit("error", { ...errorDetail(error), event });
      }
    },
  );
}

function asChatError(e, event, logInternal) {
  if (e instanceof ChatError) {
    return e;
  }
  logInternal(`event ${event} failed`, e);
  return new ChatError("internal", "internal error"); // the details stay in the server's log
}

function errorDetail(error) {
  const detail = { code: error.code, message: error.message };
  if (error.retryAfterMs !== undefined) {
    if (fault.is("retry-after-in-seconds")) {
      detail.retryAfter = Math.ceil(error.retryAfterMs / 1000);
    } else {
      detail.retryAfterMs = error.retryAfterMs;
    }
  }
  return detail;
}

function errorAck(error) {
  if (fault.is("error-ack-without-ok")) {
    return { error: errorDetail(error) };
  }
  return { ok: false, error: errorDetail(error) };
}
