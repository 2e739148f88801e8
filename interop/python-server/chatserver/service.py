"""The chat itself: every operation of the contract, shared by REST and Socket.IO, with its checks, its
rate limit and its broadcasts. Transport details stay outside: REST and the socket events validate the
payload, call one method here, and turn the result (or the ChatError) into their own answer.
"""
from contextlib import asynccontextmanager

from . import model
from .ratelimit import MESSAGE, TYPING


class ChatService:
    def __init__(self, store, limiter, broadcaster):
        self._store = store
        self._limiter = limiter
        self._broadcaster = broadcaster

    @asynccontextmanager
    async def _changing(self, user, conversation_id):
        """The conversation, locked for one change and its broadcasts (see Conversation.lock)."""
        conversation = self._store.conversation(user, conversation_id)
        async with conversation.lock:
            # looked up again: the user may have been removed while this waited for the lock
            yield self._store.conversation(user, conversation_id)

    # ------------------------------------------------------------------ conversations

    async def create_conversation(self, user, title, participant_ids):
        conversation = self._store.create_conversation(user, title, participant_ids)
        data = conversation.to_json()
        await self._broadcaster.to_users(user.tenant, conversation.participant_ids, "conversation-created", data)
        return data

    def conversations(self, user):
        return [c.to_json() for c in self._store.conversations_of(user)]

    def conversation(self, user, conversation_id):
        return self._store.conversation(user, conversation_id).to_json()

    async def rename(self, user, conversation_id, title):
        async with self._changing(user, conversation_id) as conversation:
            self._store.rename(conversation, title)
            data = conversation.to_json()
            await self._broadcaster.to_users(user.tenant, conversation.participant_ids, "conversation-updated", data)
            return data

    async def add_participant(self, user, conversation_id, user_id):
        async with self._changing(user, conversation_id) as conversation:
            if self._store.add_participant(conversation, user_id):
                change = model.participant_change(conversation.id, user_id, user.id)
                await self._broadcaster.to_users(user.tenant, conversation.participant_ids, "participant-added", change)
            return conversation.to_json()

    async def remove_participant(self, user, conversation_id, user_id):
        async with self._changing(user, conversation_id) as conversation:
            told = list(conversation.participant_ids)  # the removed user is told too (section 6.4)
            self._store.remove_participant(conversation, user_id)
            self._broadcaster.remove_user(model.User(user.tenant, user_id), conversation.id)
            change = model.participant_change(conversation.id, user_id, user.id)
            await self._broadcaster.to_users(user.tenant, told, "participant-removed", change)

    # ------------------------------------------------------------------ rooms

    def join(self, user, conversation_id, sid):
        conversation = self._store.conversation(user, conversation_id)
        self._broadcaster.join(sid, conversation.id)
        return {"conversationId": conversation.id, "lastSeq": conversation.last_seq}

    def leave(self, sid, conversation_id):
        """Always ok: for a conversation the user cannot see, exactly as for one that does not exist."""
        self._broadcaster.leave(sid, conversation_id)
        return {"conversationId": conversation_id}

    # ------------------------------------------------------------------ messages

    async def send_message(self, user, conversation_id, body, client_message_id, from_sid=None):
        """Returns (Message JSON, True) when stored, (the original, False) for a repeated clientMessageId.

        ``from_sid`` is the sending socket, which the broadcast skips; None (REST) reaches the whole room.
        """
        async with self._changing(user, conversation_id) as conversation:
            original = self._store.repeated_message(conversation, user.id, client_message_id)
            if original is not None:
                return original.to_json(), False
            self._limiter.take(user, MESSAGE)
            data = self._store.append_message(conversation, user.id, body, client_message_id).to_json()
            await self._broadcaster.to_room(conversation.id, "message", data, skip_sid=from_sid)
            return data, True

    async def edit_message(self, user, conversation_id, message_id, body, from_sid=None):
        async with self._changing(user, conversation_id) as conversation:
            message = self._store.authored_message(conversation, user, message_id)
            self._limiter.take(user, MESSAGE)
            self._store.edit_message(message, body)
            data = message.to_json()
            await self._broadcaster.to_room(conversation.id, "message-edited", data, skip_sid=from_sid)
            return data

    async def delete_message(self, user, conversation_id, message_id, from_sid=None):
        async with self._changing(user, conversation_id) as conversation:
            message = self._store.authored_message(conversation, user, message_id)
            self._store.delete_message(message)
            data = model.deletion(conversation.id, message.id, user.id)
            await self._broadcaster.to_room(conversation.id, "message-deleted", data, skip_sid=from_sid)
            return data

    async def mark_read(self, user, conversation_id, message_id, from_sid=None):
        async with self._changing(user, conversation_id) as conversation:
            message = self._store.message(conversation, message_id)
            data = model.receipt(conversation.id, message.id, user.id)
            await self._broadcaster.to_room(conversation.id, "message-read", data, skip_sid=from_sid)
            return data

    def messages(self, user, conversation_id, after_seq, limit):
        conversation = self._store.conversation(user, conversation_id)
        return [m.to_json() for m in self._store.messages_after(conversation, after_seq, limit)]

    async def typing(self, user, conversation_id, is_typing, from_sid):
        async with self._changing(user, conversation_id) as conversation:
            self._limiter.take(user, TYPING)
            data = model.typing(conversation.id, user.id, is_typing)
            await self._broadcaster.to_room(conversation.id, "typing", data, skip_sid=from_sid)
            return {}

    # ------------------------------------------------------------------ presence

    async def update_presence(self, user, status, status_text):
        data = model.presence(user.id, status, status_text)
        await self._broadcaster.to_users(user.tenant, self._store.contacts_of(user), "presence-update", data)
        return data

    async def announce(self, user, event):
        """``user-online`` / ``user-offline`` to the user's contacts only (section 6.5)."""
        data = model.user_status_change(user.id)
        await self._broadcaster.to_users(user.tenant, self._store.contacts_of(user), event, data)
