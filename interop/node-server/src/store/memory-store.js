// The Store of store.js in this process's memory: everything is lost on exit (§8.5 does not apply).
import { fault } from "../faults.js";
import { checkBody } from "../chat/validation.js";
import { conversationView, messageView } from "./views.js";

const WRITE_BEHIND_MS = 200;

const key = (...parts) => JSON.stringify(parts);


export class MemoryStore {
  constructor() {
    /** tenant -> {conversations: Map<id, record>, byUser: Map<userId, Set<conversationId>>, dedupe: Map} */
    this.tenants = new Map();
    /** message id -> record; ids are unique across tenants (§3.2), the record says where the message lives */
    this.messagesById = new Map();
    /** key(tenant, userId) -> open sockets */
    this.openSockets = new Map();
    /** key(tenant, userId) -> Presence */
    this.presence = new Map();
  }

  #tenant(tenant) {
    let t = this.tenants.get(tenant);
    if (!t) {
      t = { conversations: new Map(), byUser: new Map(), dedupe: new Map() };
      this.tenants.set(tenant, t);
    }
    return t;
  }

  #record(tenant, conversationId) {
    return this.tenants.get(tenant)?.conversations.get(conversationId) ?? null;
  }

  #index(t, userId, conversationId, present) {
    let set = t.byUser.get(userId);
    if (!set) {
      set = new Set();
      t.byUser.set(userId, set);
    }
    if (present) {
      set.add(conversationId);
    } else {
      set.delete(conversationId);
    }
  }

  async createConversation(c) {
    const t = this.#tenant(c.tenant);
    const record = { ...conversationView(c), tenant: c.tenant, lastSeq: 0, messages: [], pending: [] };
    t.conversations.set(c.id, record);
    for (const userId of record.participantIds) {
      this.#index(t, userId, c.id, true);
    }
    return conversationView(record);
  }

  async getConversation(tenant, conversationId) {
    const c = this.#record(tenant, conversationId);
    return c ? conversationView(c) : null;
  }

  async listConversations(tenant, userId) {
    if (fault.is("conversation-list-without-tenant")) {
      const all = [...this.tenants.values()].flatMap((t) => [...t.conversations.values()]);
      return all.filter((c) => c.participantIds.includes(userId)).map(conversationView);
    }
    const t = this.tenants.get(tenant);
    if (!t) {
      return [];
    }
    if (fault.is("list-whole-tenant")) {
      return [...t.conversations.values()].map(conversationView);
    }
    const ids = t.byUser.get(userId) ?? new Set();
    return [...ids].map((id) => conversationView(t.conversations.get(id)));
  }

  async updateConversation(tenant, conversationId, changes) {
    const c = this.#record(tenant, conversationId);
    if (!c) {
      return null;
    }
    if (changes.title !== undefined) {
      c.title = changes.title;
    }
    if (changes.participantIds !== undefined) {
      const t = this.#tenant(tenant);
      for (const userId of c.participantIds) {
        this.#index(t, userId, conversationId, false);
      }
      c.participantIds = [...changes.participantIds];
      for (const userId of c.participantIds) {
        this.#index(t, userId, conversationId, true);
      }
    }
    c.updatedAt = changes.updatedAt;
    return conversationView(c);
  }

  async appendMessage(tenant, conversationId, draft) {
    const t = this.#tenant(tenant);
    const c = this.#record(tenant, conversationId);
    if (!c) {
      return null;
    }
    const dedupeKey = fault.is("dedupe-ignores-conversation")
      ? key(draft.senderId, draft.clientMessageId)
      : key(conversationId, draft.senderId, draft.clientMessageId);
    if (draft.clientMessageId != null) {
      const originalId = t.dedupe.get(dedupeKey);
      if (originalId !== undefined) {
        return { message: messageView(this.messagesById.get(originalId)), created: false };
      }
    }
    const seq = ++c.lastSeq;
    if (fault.is("refused-message-takes-seq")) {
      checkBody(draft.body); // like a database constraint checked after the sequence's nextval
    }
    const message = { ...draft, conversationId, seq, tenant, deleted: false };
    this.messagesById.set(message.id, message);
    if (draft.clientMessageId != null) {
      t.dedupe.set(dedupeKey, message.id);
    }
    if (fault.is("write-behind-history")) {
      c.pending.push(message);
      if (c.pending.length === 1) {
        setTimeout(() => c.messages.push(...c.pending.splice(0)), WRITE_BEHIND_MS).unref();
      }
    } else {
      c.messages.push(message);
    }
    return { message: messageView(message), created: true };
  }

  #message(tenant, conversationId, messageId) {
    const m = this.messagesById.get(messageId);
    if (!m || m.deleted) {
      return null;
    }
    if (!fault.is("message-id-unscoped") && (m.tenant !== tenant || m.conversationId !== conversationId)) {
      return null;
    }
    return m;
  }

  async getMessage(tenant, conversationId, messageId) {
    const m = this.#message(tenant, conversationId, messageId);
    return m ? messageView(m) : null;
  }

  async updateMessage(tenant, conversationId, messageId, changes) {
    const m = this.#message(tenant, conversationId, messageId);
    if (!m) {
      return null;
    }
    m.body = changes.body;
    m.editedAt = changes.editedAt;
    return messageView(m);
  }

  async deleteMessage(tenant, conversationId, messageId) {
    const m = this.#message(tenant, conversationId, messageId);
    if (!m) {
      return false;
    }
    m.deleted = true;
    return true;
  }

  async listMessages(tenant, conversationId, afterSeq, limit) {
    const c = this.#record(tenant, conversationId);
    if (!c) {
      return [];
    }
    const messages = c.messages;
    // messages are kept by seq: find the first one above afterSeq by bisection
    let lo = 0;
    let hi = messages.length;
    const inclusive = fault.is("after-seq-inclusive");
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (messages[mid].seq < afterSeq || (!inclusive && messages[mid].seq === afterSeq)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const items = [];
    for (let i = lo; i < messages.length && items.length < limit; i++) {
      if (!messages[i].deleted) {
        items.push(messageView(messages[i]));
      }
    }
    return items;
  }

  async lastSeq(tenant, conversationId) {
    const c = this.#record(tenant, conversationId);
    if (!c) {
      return 0;
    }
    return fault.is("join-last-seq-is-next") ? c.lastSeq + 1 : c.lastSeq;
  }

  async saveReceipt(tenant, receipt) {
    const m = this.#message(tenant, receipt.conversationId, receipt.messageId);
    if (m) {
      m.readBy ??= new Map();
      m.readBy.set(receipt.userId, receipt.readAt);
    }
  }

  async savePresence(tenant, presence) {
    this.presence.set(key(tenant, presence.userId), { ...presence });
  }

  async contactsOf(tenant, userId) {
    const t = this.tenants.get(tenant);
    const contacts = new Set();
    for (const conversationId of t?.byUser.get(userId) ?? []) {
      for (const other of t.conversations.get(conversationId).participantIds) {
        contacts.add(other);
      }
    }
    contacts.delete(userId);
    return [...contacts];
  }

  async socketOpened(tenant, userId) {
    const k = key(tenant, userId);
    const count = (this.openSockets.get(k) ?? 0) + 1;
    this.openSockets.set(k, count);
    return count;
  }

  async socketClosed(tenant, userId) {
    const k = key(tenant, userId);
    const count = Math.max(0, (this.openSockets.get(k) ?? 0) - 1);
    if (count === 0) {
      this.openSockets.delete(k);
    } else {
      this.openSockets.set(k, count);
    }
    return count;
  }
}
