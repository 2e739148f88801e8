// The chat's rules, once for REST and the socket alike: who may see and do what (§3), what is stored (§8), what
// it costs (§9) and who hears about it (§5, §6). Callers pass the acting user, a Principal {tenant, sub}; every
// failure is a ChatError.
import { forbidden, invalid, notFound } from "../errors.js";
import { fault } from "../faults.js";
import { newId } from "../ids.js";
import { isoNow } from "../time.js";
import { KeyedSerializer } from "./serial.js";
import {
  checkBody,
  checkClientMessageId,
  checkId,
  checkParticipantIds,
  checkStatus,
  checkStatusText,
  checkTitle,
  requireObject,
} from "./validation.js";
import { view } from "./views.js";

const LINK_PREVIEW_MAX_MS = 25;

export class ChatService {
  /**
   * @param {object} deps
   * @param {import("../store/memory-store.js").MemoryStore} deps.store any Store of store/store.js
   * @param {import("../ratelimit/rate-limiter.js").RateLimiter} deps.limiter
   * @param {import("../realtime/notifier.js").Notifier} deps.notifier
   * @param {{run: KeyedSerializer["run"]}} [deps.serializer] what keeps one conversation's messages in order;
   *   across several nodes, shared/redis-serializer.js
   */
  constructor({ store, limiter, notifier, serializer = new KeyedSerializer() }) {
    this.store = store;
    this.limiter = limiter;
    this.notifier = notifier;
    this.perConversation = serializer;
    this.conversationCache = new Map(); // only the faulty get-conversation-stale-cache uses it
  }

  // ------------------------------------------------------------------ conversations

  /** The conversation if the user takes part in it; otherwise not_found, exactly as if it did not exist (§3.3). */
  async #visible(user, conversationId, { requireParticipant = true } = {}) {
    const c = await this.store.getConversation(user.tenant, conversationId);
    if (c === null) {
      throw notFound();
    }
    if (requireParticipant && !c.participantIds.includes(user.sub)) {
      throw fault.is("forbidden-reveals-existence") ? forbidden("you take no part in this conversation") : notFound();
    }
    return c;
  }

  async createConversation(user, body) {
    requireObject(body, "the body");
    const title = checkTitle(body.title);
    const given = checkParticipantIds(body.participantIds);
    const participantIds = fault.is("creator-not-added") ? given : [user.sub, ...given.filter((id) => id !== user.sub)];
    const now = isoNow();
    const c = await this.store.createConversation({
      tenant: user.tenant,
      id: newId("c", user.tenant),
      title,
      participantIds,
      createdBy: user.sub,
      createdAt: now,
      updatedAt: now,
    });
    const audience = fault.is("created-skips-creator") ? c.participantIds.filter((id) => id !== user.sub) : c.participantIds;
    this.notifier.toUsers(user.tenant, audience, "conversation-created", view(c));
    return view(c);
  }

  async listConversations(user) {
    const items = await this.store.listConversations(user.tenant, user.sub);
    return { items: items.map(view) };
  }

  async getConversation(user, conversationId) {
    checkId("conversation id", conversationId);
    if (fault.is("get-conversation-stale-cache")) {
      const cacheKey = JSON.stringify([user.tenant, user.sub, conversationId]);
      if (!this.conversationCache.has(cacheKey)) {
        this.conversationCache.set(cacheKey, await this.#visible(user, conversationId));
      }
      return view(this.conversationCache.get(cacheKey));
    }
    return view(await this.#visible(user, conversationId));
  }

  async updateTitle(user, conversationId, body) {
    checkId("conversation id", conversationId);
    requireObject(body, "the body");
    if (!("title" in body)) {
      throw invalid("title is required (null clears it)");
    }
    const title = checkTitle(body.title);
    const before = await this.#visible(user, conversationId);
    const c = await this.store.updateConversation(user.tenant, conversationId, { title, updatedAt: isoNow() });
    if (fault.is("updated-to-room-only")) {
      this.notifier.toRoom(user.tenant, conversationId, "conversation-updated", view(c));
    } else {
      this.notifier.toUsers(user.tenant, c.participantIds, "conversation-updated", view(c));
    }
    return view(fault.is("patch-answers-previous") ? before : c);
  }

  /** Any participant may add a user of the same tenant; adding a participant again changes nothing. */
  async addParticipant(user, conversationId, body) {
    checkId("conversation id", conversationId);
    requireObject(body, "the body");
    const userId = checkId("userId", body.userId);
    const c = await this.#visible(user, conversationId);
    if (c.participantIds.includes(userId)) {
      return view(c);
    }
    const now = isoNow();
    const updated = await this.store.updateConversation(user.tenant, conversationId, {
      participantIds: [...c.participantIds, userId],
      updatedAt: now,
    });
    this.notifier.toUsers(user.tenant, updated.participantIds, "participant-added",
      view({ conversationId, userId, by: user.sub, at: now }));
    return view(updated);
  }

  /** The creator may remove anyone, anyone may remove themselves; others are answered forbidden. */
  async removeParticipant(user, conversationId, userId) {
    checkId("conversation id", conversationId);
    checkId("user id", userId);
    const c = await this.#visible(user, conversationId);
    if (!c.participantIds.includes(userId)) {
      throw notFound();
    }
    if (userId !== user.sub && c.createdBy !== user.sub) {
      throw forbidden("only the conversation's creator may remove another participant");
    }
    const now = isoNow();
    const remaining = c.participantIds.filter((id) => id !== userId);
    await this.store.updateConversation(user.tenant, conversationId, { participantIds: remaining, updatedAt: now });
    if (!fault.is("removal-keeps-sockets-in-room")) {
      this.notifier.removeUserFromRoom(user.tenant, userId, conversationId);
    }
    const told = fault.is("removed-user-not-told") ? remaining : c.participantIds;
    this.notifier.toUsers(user.tenant, told, "participant-removed", view({ conversationId, userId, by: user.sub, at: now }));
  }

  // ------------------------------------------------------------------ rooms

  async join(user, socket, payload) {
    if (!fault.is("null-payload-internal")) {
      requireObject(payload);
    }
    const conversationId = checkId("conversationId", payload.conversationId);
    await this.#visible(user, conversationId, { requireParticipant: !fault.is("join-without-membership") });
    this.notifier.join(socket, user.tenant, conversationId);
    return { conversationId, lastSeq: await this.store.lastSeq(user.tenant, conversationId) };
  }

  /** Leaving needs no lookup: a room the socket is not in is left as easily, so no answer tells anything (§11). */
  async leave(user, socket, payload) {
    requireObject(payload);
    const conversationId = checkId("conversationId", payload.conversationId);
    this.notifier.leave(socket, user.tenant, conversationId);
    return { conversationId };
  }

  // ------------------------------------------------------------------ messages

  /**
   * @param {{except?: object}} origin the sending socket, left out of the broadcast; none for REST (§10.8)
   * @returns {Promise<{message: object, created: boolean}>}
   */
  async sendMessage(user, conversationId, payload, origin = {}) {
    requireObject(payload);
    checkId("conversationId", conversationId);
    if (!fault.is("refused-message-takes-seq")) {
      checkBody(payload.body);
    }
    const clientMessageId = checkClientMessageId(payload.clientMessageId);
    const c = await this.#visible(user, conversationId, { requireParticipant: !fault.is("send-without-membership") });
    await this.limiter.take("message", user.tenant, user.sub);
    const key = JSON.stringify([user.tenant, conversationId]);
    const { result, deliver } = await this.perConversation.run(key, async () => {
      const appended = await this.store.appendMessage(user.tenant, conversationId, {
        id: newId("m", user.tenant),
        senderId: user.sub,
        body: payload.body,
        clientMessageId,
        createdAt: isoNow(),
        editedAt: null,
      });
      if (appended === null) {
        throw notFound();
      }
      const message = view(appended.message);
      const broadcast = fault.is("room-events-to-participants")
        ? () => this.notifier.toUsers(user.tenant, c.participantIds.filter((id) => id !== user.sub), "message", message)
        : () => this.notifier.toRoom(user.tenant, conversationId, "message", message, origin);
      if (!appended.created) {
        return { result: { message, created: false }, deliver: null };
      }
      if (fault.is("broadcast-after-async-hook")) {
        return { result: { message, created: true }, deliver: broadcast }; // after the hook, outside the order
      }
      broadcast();
      return { result: { message, created: true }, deliver: null };
    });
    if (deliver !== null) {
      setTimeout(deliver, Math.random() * LINK_PREVIEW_MAX_MS); // the link-preview hook's variable latency
    }
    return result;
  }

  async editMessage(user, conversationId, messageId, payload, origin = {}) {
    requireObject(payload);
    checkId("conversationId", conversationId);
    checkId("messageId", messageId);
    const body = checkBody(payload.body);
    await this.#visible(user, conversationId);
    const lateLimit = fault.is("rate-limited-edit-applied");
    if (!lateLimit) {
      await this.limiter.take("message", user.tenant, user.sub);
    }
    const m = await this.store.getMessage(user.tenant, conversationId, messageId);
    if (m === null) {
      throw notFound();
    }
    if (m.senderId !== user.sub && !fault.is("edit-by-non-author")) {
      throw forbidden("only the author may edit a message");
    }
    const editedAt = fault.is("edit-without-edited-at") ? null : isoNow();
    const edited = view(await this.store.updateMessage(user.tenant, m.conversationId, messageId, { body, editedAt }));
    if (lateLimit) {
      await this.limiter.take("message", user.tenant, user.sub);
    }
    if (!(origin.rest && fault.is("rest-edit-not-broadcast"))) {
      this.notifier.toRoom(user.tenant, conversationId, "message-edited", edited, origin);
    }
    return edited;
  }

  async deleteMessage(user, conversationId, messageId, origin = {}) {
    const m = await this.#visibleMessage(user, conversationId, messageId);
    if (m.senderId !== user.sub) {
      throw forbidden("only the author may delete a message");
    }
    await this.store.deleteMessage(user.tenant, m.conversationId, messageId);
    const deletion = view({ conversationId, messageId, by: user.sub, at: isoNow() });
    const silent = origin.rest ? fault.is("rest-delete-not-broadcast") : fault.is("delete-not-broadcast");
    if (!silent) {
      this.notifier.toRoom(user.tenant, conversationId, "message-deleted", deletion, origin);
    }
    return deletion;
  }

  async markRead(user, conversationId, messageId, origin = {}) {
    const m = await this.#visibleMessage(user, conversationId, messageId);
    const receipt = view({
      conversationId,
      messageId,
      userId: fault.is("receipt-user-is-sender") ? m.senderId : user.sub,
      readAt: isoNow(),
    });
    await this.store.saveReceipt(user.tenant, receipt);
    this.notifier.toRoom(user.tenant, conversationId, "message-read", receipt, origin);
    return receipt;
  }

  /** A message of a conversation the user can see, or not_found; the ids are checked first. */
  async #visibleMessage(user, conversationId, messageId) {
    checkId("conversationId", conversationId);
    checkId("messageId", messageId);
    await this.#visible(user, conversationId);
    const m = await this.store.getMessage(user.tenant, conversationId, messageId);
    if (m === null) {
      throw notFound();
    }
    return m;
  }

  async listMessages(user, conversationId, afterSeq, limit) {
    checkId("conversation id", conversationId);
    await this.#visible(user, conversationId);
    return { items: (await this.store.listMessages(user.tenant, conversationId, afterSeq, limit)).map(view) };
  }

  // ------------------------------------------------------------------ typing and presence

  async typing(user, payload, origin) {
    requireObject(payload);
    const conversationId = checkId("conversationId", payload.conversationId);
    if (typeof payload.isTyping !== "boolean") {
      throw invalid("isTyping must be true or false");
    }
    await this.#visible(user, conversationId);
    await this.limiter.take("typing", user.tenant, user.sub);
    const event = fault.is("typing-forwards-client-payload")
      ? payload
      : { conversationId, userId: user.sub, isTyping: payload.isTyping };
    this.notifier.toRoom(user.tenant, conversationId, "typing", event, origin);
    return {};
  }

  async updatePresence(user, payload) {
    requireObject(payload);
    const presence = view({
      userId: user.sub,
      status: checkStatus(payload.status),
      statusText: checkStatusText(payload.statusText),
      at: isoNow(),
    });
    await this.store.savePresence(user.tenant, presence);
    if (fault.is("presence-to-whole-tenant")) {
      this.notifier.toTenant(user.tenant, "presence-update", presence);
    } else if (fault.is("presence-to-own-sockets")) {
      this.notifier.toUsers(user.tenant, [user.sub], "presence-update", presence);
    } else {
      this.notifier.toUsers(user.tenant, await this.store.contactsOf(user.tenant, user.sub), "presence-update", presence);
    }
    return presence;
  }

  /** A socket of the user opened: user-online to the contacts when it is the user's first (§6.5). */
  async socketOpened(user) {
    if ((await this.store.socketOpened(user.tenant, user.sub)) === 1) {
      await this.#tellContacts(user, "user-online");
    }
  }

  /** A socket of the user closed: user-offline to the contacts when it was the user's last (§6.5). */
  async socketClosed(user) {
    const left = await this.store.socketClosed(user.tenant, user.sub);
    if (left === 0 || fault.is("offline-on-any-socket-close")) {
      await this.#tellContacts(user, "user-offline");
    }
    if (left === 0 && fault.is("bucket-dropped-on-disconnect")) {
      this.limiter.forget(user.tenant, user.sub); // "nobody is connected, free the memory"
    }
  }

  async #tellContacts(user, event) {
    const contacts = await this.store.contactsOf(user.tenant, user.sub);
    this.notifier.toUsers(user.tenant, contacts, event, view({ userId: user.sub, at: isoNow() }));
  }
}
