// The Store of store.js in Redis, shared by every node of a deployment: what one node stores, another reads at
// once. Each object is one JSON string; a conversation's messages are indexed by seq in a sorted set, and
// appending a message (dedupe, next seq, store, index) is one Lua script, so that two nodes never hand out the
// same seq nor store a repeated clientMessageId twice (§8.1, §8.3). The deliberate defects (--fault) are the
// memory store's: this one has none.
import { conversationView, messageView } from "./views.js";

const PREFIX = "chat:";

/** A key whose parts are JSON-encoded, so that no tenant or id can spell another's key (as rooms.js does). */
const key = (kind, ...parts) => `${PREFIX}${kind}:${JSON.stringify(parts)}`;

// KEYS: dedupe key ("" for none), seq counter, message key, seq index. ARGV: the message JSON without seq, its id.
const APPEND = `
if KEYS[1] ~= '' then
  local original = redis.call('GET', KEYS[1])
  if original then return {0, original} end
end
local seq = redis.call('INCR', KEYS[2])
local json = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
redis.call('SET', KEYS[3], json)
redis.call('ZADD', KEYS[4], seq, ARGV[2])
if KEYS[1] ~= '' then redis.call('SET', KEYS[1], ARGV[2]) end
return {1, json}`;


export class RedisStore {
  /** @param {import("redis").RedisClientType} client a connected client */
  constructor(client) {
    this.redis = client;
  }

  async createConversation(c) {
    const view = conversationView(c);
    await this.redis.multi()
      .set(key("conversation", c.tenant, c.id), JSON.stringify(view))
      .sAdd(key("conversation-ids", c.tenant), c.id)
      .exec();
    await this.#index(c.tenant, c.id, view.participantIds, []);
    return view;
  }

  async #index(tenant, conversationId, added, removed) {
    const multi = this.redis.multi();
    for (const userId of removed) {
      multi.sRem(key("user-conversations", tenant, userId), conversationId);
    }
    for (const userId of added) {
      multi.sAdd(key("user-conversations", tenant, userId), conversationId);
    }
    await multi.exec();
  }

  async getConversation(tenant, conversationId) {
    const json = await this.redis.get(key("conversation", tenant, conversationId));
    return json === null ? null : JSON.parse(json);
  }

  async #conversations(tenant, ids) {
    if (ids.length === 0) {
      return [];
    }
    const jsons = await this.redis.mGet(ids.map((id) => key("conversation", tenant, id)));
    return jsons.filter((json) => json !== null).map((json) => JSON.parse(json));
  }

  async listConversations(tenant, userId) {
    return this.#conversations(tenant, await this.redis.sMembers(key("user-conversations", tenant, userId)));
  }

  async updateConversation(tenant, conversationId, changes) {
    const c = await this.getConversation(tenant, conversationId);
    if (!c) {
      return null;
    }
    const before = c.participantIds;
    if (changes.title !== undefined) {
      c.title = changes.title;
    }
    if (changes.participantIds !== undefined) {
      c.participantIds = [...changes.participantIds];
    }
    c.updatedAt = changes.updatedAt;
    await this.redis.set(key("conversation", tenant, conversationId), JSON.stringify(c));
    if (changes.participantIds !== undefined) {
      await this.#index(tenant, conversationId, c.participantIds.filter((u) => !before.includes(u)),
        before.filter((u) => !c.participantIds.includes(u)));
    }
    return conversationView(c);
  }

  async appendMessage(tenant, conversationId, draft) {
    if (!(await this.redis.exists(key("conversation", tenant, conversationId)))) {
      return null;
    }
    const dedupe = draft.clientMessageId == null ? ""
      : key("dedupe", tenant, conversationId, draft.senderId, draft.clientMessageId);
    const record = { ...draft, conversationId, tenant };
    delete record.seq;
    const [created, stored] = await this.redis.eval(APPEND, {
      keys: [dedupe, key("seq", tenant, conversationId), key("message", draft.id),
        key("messages", tenant, conversationId)],
      arguments: [JSON.stringify(record), draft.id],
    });
    if (created === 0) {
      const original = await this.#message(tenant, conversationId, stored);
      return { message: messageView(original), created: false };
    }
    return { message: messageView(JSON.parse(stored)), created: true };
  }

  /** The stored message, or null when it is not there, was deleted, or lives in another tenant or conversation. */
  async #message(tenant, conversationId, messageId) {
    const json = await this.redis.get(key("message", messageId));
    if (json === null) {
      return null;
    }
    const m = JSON.parse(json);
    return m.tenant === tenant && m.conversationId === conversationId ? m : null;
  }

  async getMessage(tenant, conversationId, messageId) {
    const m = await this.#message(tenant, conversationId, messageId);
    return m ? messageView(m) : null;
  }

  async updateMessage(tenant, conversationId, messageId, changes) {
    const m = await this.#message(tenant, conversationId, messageId);
    if (!m) {
      return null;
    }
    m.body = changes.body;
    m.editedAt = changes.editedAt;
    await this.redis.set(key("message", messageId), JSON.stringify(m), { XX: true });
    return messageView(m);
  }

  async deleteMessage(tenant, conversationId, messageId) {
    const m = await this.#message(tenant, conversationId, messageId);
    if (!m) {
      return false;
    }
    // The seq stays taken; the message leaves the index, so listings skip it and lookups find nothing.
    await this.redis.multi()
      .del(key("message", messageId))
      .zRem(key("messages", tenant, conversationId), messageId)
      .exec();
    return true;
  }

  async listMessages(tenant, conversationId, afterSeq, limit) {
    const ids = await this.redis.zRangeByScore(key("messages", tenant, conversationId), `(${afterSeq}`, "+inf",
      { LIMIT: { offset: 0, count: limit } });
    if (ids.length === 0) {
      return [];
    }
    const jsons = await this.redis.mGet(ids.map((id) => key("message", id)));
    return jsons.filter((json) => json !== null).map((json) => messageView(JSON.parse(json)));
  }

  async lastSeq(tenant, conversationId) {
    return Number((await this.redis.get(key("seq", tenant, conversationId))) ?? 0);
  }

  async saveReceipt(tenant, receipt) {
    if (await this.#message(tenant, receipt.conversationId, receipt.messageId)) {
      await this.redis.hSet(key("receipts", receipt.messageId), receipt.userId, receipt.readAt);
    }
  }

  async savePresence(tenant, presence) {
    await this.redis.set(key("presence", tenant, presence.userId), JSON.stringify(presence));
  }

  async contactsOf(tenant, userId) {
    const contacts = new Set();
    for (const c of await this.listConversations(tenant, userId)) {
      c.participantIds.forEach((other) => contacts.add(other));
    }
    contacts.delete(userId);
    return [...contacts];
  }

  // Open sockets are counted across every node, so that user-online and user-offline follow the user's first
  // and last socket wherever they are connected (§6.5).
  async socketOpened(tenant, userId) {
    return this.redis.incr(key("sockets", tenant, userId));
  }

  async socketClosed(tenant, userId) {
    const left = await this.redis.decr(key("sockets", tenant, userId));
    if (left <= 0) {
      await this.redis.del(key("sockets", tenant, userId));
      return 0;
    }
    return left;
  }
}
