// What the server keeps, behind one small asynchronous interface, so that a shared store (Redis, with the
// socket.io Redis adapter) can replace the in-memory one without touching the chat logic. Every method is
// scoped by tenant: no method can reach another tenant's data by id alone (§3.1).
//
// Objects are plain data and are copies: changing a returned object changes nothing stored.
//
// interface Store {
//   createConversation(conversation): Promise<Conversation>
//   getConversation(tenant, conversationId): Promise<Conversation|null>
//   listConversations(tenant, userId): Promise<Conversation[]>          // those the user takes part in
//   updateConversation(tenant, conversationId, {title?, participantIds?, updatedAt}): Promise<Conversation|null>
//   appendMessage(tenant, conversationId, draft): Promise<{message, created}>   // takes the next seq, or answers
//                                                       // the original when (sender, clientMessageId) repeats (§8.3)
//   getMessage(tenant, conversationId, messageId): Promise<Message|null>   // deleted messages are not found
//   updateMessage(tenant, conversationId, messageId, {body, editedAt}): Promise<Message|null>
//   deleteMessage(tenant, conversationId, messageId): Promise<boolean>
//   listMessages(tenant, conversationId, afterSeq, limit): Promise<Message[]>  // by seq
//   lastSeq(tenant, conversationId): Promise<number>
//   saveReceipt(tenant, receipt): Promise<void>
//   savePresence(tenant, presence): Promise<void>
//   contactsOf(tenant, userId): Promise<string[]>        // users sharing a conversation, the user excluded
//   socketOpened(tenant, userId): Promise<number>        // the user's open sockets, this one included
//   socketClosed(tenant, userId): Promise<number>        // the user's open sockets left
// }
import { MemoryStore } from "./memory-store.js";

/** @param {"memory"} kind the only kind so far */
export function createStore(kind = "memory") {
  if (kind === "memory") {
    return new MemoryStore();
  }
  throw new Error(`unknown store '${kind}'`);
}
