// What a store hands out: copies in the contract's shape (§7), never its own objects, so that a caller changing
// one cannot change what is stored. Both stores use these.

export function conversationView(c) {
  return {
    id: c.id,
    title: c.title,
    participantIds: [...c.participantIds],
    createdBy: c.createdBy,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function messageView(m) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    senderId: m.senderId,
    body: m.body,
    clientMessageId: m.clientMessageId,
    createdAt: m.createdAt,
    editedAt: m.editedAt,
  };
}
