"""The contract's objects (section 7) as the server keeps them, each with the JSON it is sent as."""
import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Optional


def now_iso():
    """Now as ISO-8601 UTC with milliseconds, e.g. 2026-01-31T12:00:00.000Z (section 7.2)."""
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def new_id(kind):
    """An opaque id, unique across tenants (section 3.2) and well under 64 characters (section 7.4)."""
    return f"{kind}-{uuid.uuid4().hex}"


@dataclass(frozen=True)
class User:
    """A user is the pair (tenant, sub): the same sub in two tenants is two users (section 3.1)."""

    tenant: str
    id: str


@dataclass
class Message:
    id: str
    conversation_id: str
    seq: int
    sender_id: str
    body: str
    client_message_id: Optional[str]
    created_at: str
    edited_at: Optional[str] = None
    deleted: bool = False  # kept so that seq stays dense; a deleted message is never shown again

    def to_json(self):
        return {
            "id": self.id,
            "conversationId": self.conversation_id,
            "seq": self.seq,
            "senderId": self.sender_id,
            "body": self.body,
            "clientMessageId": self.client_message_id,
            "createdAt": self.created_at,
            "editedAt": self.edited_at,
        }


@dataclass
class Conversation:
    id: str
    tenant: str
    title: Optional[str]
    participant_ids: list
    created_by: str
    created_at: str
    updated_at: str
    messages: list = field(default_factory=list)  # messages[seq - 1]
    messages_by_id: dict = field(default_factory=dict)
    by_client_id: dict = field(default_factory=dict)  # (senderId, clientMessageId) -> Message
    # Changes of one conversation (and their broadcasts) happen one at a time, so every socket sees them in
    # seq order and a removal never interleaves with a message being delivered.
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def last_seq(self):
        return len(self.messages)

    def has_participant(self, user_id):
        return user_id in self.participant_ids

    def to_json(self):
        return {
            "id": self.id,
            "title": self.title,
            "participantIds": list(self.participant_ids),
            "createdBy": self.created_by,
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
        }


def receipt(conversation_id, message_id, user_id):
    return {"conversationId": conversation_id, "messageId": message_id, "userId": user_id, "readAt": now_iso()}


def deletion(conversation_id, message_id, by):
    return {"conversationId": conversation_id, "messageId": message_id, "by": by, "at": now_iso()}


def presence(user_id, status, status_text):
    return {"userId": user_id, "status": status, "statusText": status_text, "at": now_iso()}


def participant_change(conversation_id, user_id, by):
    return {"conversationId": conversation_id, "userId": user_id, "by": by, "at": now_iso()}


def user_status_change(user_id):
    return {"userId": user_id, "at": now_iso()}


def typing(conversation_id, user_id, is_typing):
    return {"conversationId": conversation_id, "userId": user_id, "isTyping": is_typing}
