// How the chat logic reaches sockets: by room, never by iterating sockets, so that the socket.io Redis adapter
// can carry the same calls across instances.
import { fault } from "../faults.js";
import { conversationRoom, tenantRoom, userRoom } from "./rooms.js";

export class Notifier {
  /** @param {import("socket.io").Server} io */
  constructor(io) {
    this.io = io;
  }

  /**
   * To the sockets that joined the conversation (§6.1); `origin.except` (the sending socket) is left out.
   * @param {{except?: import("socket.io").Socket}} origin
   */
  toRoom(tenant, conversationId, event, payload, origin = {}) {
    const room = conversationRoom(tenant, conversationId);
    const emitter = origin.except && !(event === "message" && fault.is("message-echo-to-sender"))
      ? origin.except.to(room)
      : this.io.to(room);
    emitter.emit(event, payload);
  }

  /** To every connected socket of these users of the tenant; a socket in several of the rooms gets it once. */
  toUsers(tenant, userIds, event, payload) {
    if (userIds.length > 0) {
      this.io.to(userIds.map((id) => userRoom(tenant, id))).emit(event, payload);
    }
  }

  toTenant(tenant, event, payload) {
    this.io.to(tenantRoom(tenant)).emit(event, payload);
  }

  /** Puts a just-authenticated socket in the rooms of its user and tenant. */
  enter(socket, tenant, sub) {
    socket.join([userRoom(tenant, sub), tenantRoom(tenant)]);
  }

  join(socket, tenant, conversationId) {
    socket.join(conversationRoom(tenant, conversationId));
  }

  leave(socket, tenant, conversationId) {
    if (fault.is("leave-wrong-room")) {
      socket.leave(`conversation:${conversationId}`);
      return;
    }
    socket.leave(conversationRoom(tenant, conversationId));
  }

  /** Every socket of the user leaves the conversation's room at once (§3.8). */
  removeUserFromRoom(tenant, sub, conversationId) {
    this.io.in(userRoom(tenant, sub)).socketsLeave(conversationRoom(tenant, conversationId));
  }
}
