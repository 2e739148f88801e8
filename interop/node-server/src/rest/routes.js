// The REST API of §10, every path under /api/v2: each route names its method, its path pattern and the
// ChatService call that answers it.
import { fault } from "../faults.js";
import { checkQueryInteger, DEFAULT_PAGE, MAX_PAGE } from "../chat/validation.js";

/**
 * @typedef {{user: {tenant: string, sub: string}, params: string[], query: URLSearchParams, body: () => Promise<unknown>}} RouteContext
 * @typedef {{status: number, body?: unknown}} RouteResult
 * @type {{method: string, pattern: string[], handle: (svc: any, ctx: RouteContext) => Promise<RouteResult>}[]}
 * A pattern segment ":" matches one path segment, handed to the handler in `params`.
 */
export const ROUTES = [
  {
    method: "POST", pattern: ["conversations"],
    handle: async (svc, { user, body }) => ({ status: 201, body: await svc.createConversation(user, await body()) }),
  },
  {
    method: "GET", pattern: ["conversations"],
    handle: async (svc, { user }) => ({ status: 200, body: await svc.listConversations(user) }),
  },
  {
    method: "GET", pattern: ["conversations", ":"],
    handle: async (svc, { user, params: [id] }) => ({ status: 200, body: await svc.getConversation(user, id) }),
  },
  {
    method: "PATCH", pattern: ["conversations", ":"],
    handle: async (svc, { user, params: [id], body }) => ({ status: 200, body: await svc.updateTitle(user, id, await body()) }),
  },
  {
    method: "POST", pattern: ["conversations", ":", "participants"],
    handle: async (svc, { user, params: [id], body }) => ({
      status: fault.is("add-participant-201") ? 201 : 200,
      body: await svc.addParticipant(user, id, await body()),
    }),
  },
  {
    method: "DELETE", pattern: ["conversations", ":", "participants", ":"],
    handle: async (svc, { user, params: [id, userId] }) => {
      await svc.removeParticipant(user, id, userId);
      if (fault.is("remove-participant-200")) {
        return { status: 200, body: await svc.getConversation(user, id).catch(() => ({})) };
      }
      return { status: 204 };
    },
  },
  {
    method: "GET", pattern: ["conversations", ":", "messages"],
    handle: async (svc, { user, params: [id], query }) => {
      const afterSeq = checkQueryInteger("afterSeq", query.get("afterSeq"), 0, 0);
      const limit = checkQueryInteger("limit", query.get("limit"), 1, DEFAULT_PAGE);
      // a limit over the maximum is served as the maximum (§10.7)
      const served = fault.is("limit-not-capped") ? limit : Math.min(limit, MAX_PAGE);
      return { status: 200, body: await svc.listMessages(user, id, afterSeq, served) };
    },
  },
  {
    method: "POST", pattern: ["conversations", ":", "messages"],
    handle: async (svc, { user, params: [id], body }) => {
      const { message, created } = await svc.sendMessage(user, id, await body(), { rest: true });
      return { status: created || fault.is("rest-repeat-201") ? 201 : 200, body: message };
    },
  },
  {
    method: "PATCH", pattern: ["conversations", ":", "messages", ":"],
    handle: async (svc, { user, params: [id, mid], body }) => ({
      status: 200,
      body: await svc.editMessage(user, id, mid, await body(), { rest: true }),
    }),
  },
  {
    method: "DELETE", pattern: ["conversations", ":", "messages", ":"],
    handle: async (svc, { user, params: [id, mid] }) => {
      await svc.deleteMessage(user, id, mid, { rest: true });
      return { status: 204 };
    },
  },
  {
    method: "POST", pattern: ["conversations", ":", "messages", ":", "read"],
    handle: async (svc, { user, params: [id, mid] }) => ({
      status: fault.is("rest-read-201") ? 201 : 200,
      body: await svc.markRead(user, id, mid, { rest: true }),
    }),
  },
];

/** The route for a method and the path's segments after /api/v2, with the segments its ":" matched. */
export function matchRoute(method, segments) {
  for (const route of ROUTES) {
    if (route.method !== method || route.pattern.length !== segments.length) {
      continue;
    }
    const params = [];
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      if (route.pattern[i] === ":") {
        params.push(segments[i]);
      } else {
        ok = route.pattern[i] === segments[i];
      }
    }
    if (ok) {
      return { route, params };
    }
  }
  return null;
}
