// Socket.IO room names. Every name carries the tenant, and the parts are JSON-encoded so that no tenant or id,
// whatever characters it holds, can spell another's room (a room "conversation:a:b" could be tenant "a" with
// id "b:..." or tenant "a:b"...).
import { fault } from "../faults.js";

/** The sockets that joined a conversation (§5.1). */
export function conversationRoom(tenant, conversationId) {
  return `conversation:${JSON.stringify([tenant, conversationId])}`;
}

/** Every socket of one user (tenant, sub): events for participants and contacts go there (§6.2-§6.6). */
export function userRoom(tenant, sub) {
  if (fault.is("user-room-by-sub")) {
    return `user:${sub}`;
  }
  return `user:${JSON.stringify([tenant, sub])}`;
}

/** Every socket of one tenant. */
export function tenantRoom(tenant) {
  return `tenant:${JSON.stringify([tenant])}`;
}
