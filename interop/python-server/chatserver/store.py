"""Everything the server keeps, in memory: conversations, their participants and their messages.

Every lookup takes the acting user and answers only what that user may see: a conversation of another
tenant, or one the user takes no part in, is NotFound exactly like a missing one (section 3.3), and ids
inside a request are resolved within that conversation (section 3.7).
"""
from .errors import Forbidden, NotFound
from .model import Conversation, Message, User, new_id, now_iso


class ChatStore:
    def __init__(self):
        self._conversations = {}  # id -> Conversation (ids are unique across tenants)
        self._memberships = {}  # User -> {conversation id}

    # ------------------------------------------------------------------ conversations

    def conversation(self, user, conversation_id):
        conversation = self._conversations.get(conversation_id)
        if conversation is None or conversation.tenant != user.tenant or not conversation.has_participant(user.id):
            raise NotFound("no such conversation")
        return conversation

    def conversations_of(self, user):
        ids = self._memberships.get(user, ())
        return sorted((self._conversations[i] for i in ids), key=lambda c: (c.created_at, c.id))

    def create_conversation(self, user, title, participant_ids):
        now = now_iso()
        participants = [user.id] + [p for p in participant_ids if p != user.id]
        conversation = Conversation(new_id("c"), user.tenant, title, participants, user.id, now, now)
        self._conversations[conversation.id] = conversation
        for participant in participants:
            self._join(user.tenant, participant, conversation.id)
        return conversation

    def rename(self, conversation, title):
        conversation.title = title
        conversation.updated_at = now_iso()

    def add_participant(self, conversation, user_id):
        """Adds ``user_id``; False when they already take part (nothing changes then)."""
        if conversation.has_participant(user_id):
            return False
        conversation.participant_ids.append(user_id)
        conversation.updated_at = now_iso()
        self._join(conversation.tenant, user_id, conversation.id)
        return True

    def remove_participant(self, conversation, user_id):
        if not conversation.has_participant(user_id):
            raise NotFound("no such participant in this conversation")
        conversation.participant_ids.remove(user_id)
        conversation.updated_at = now_iso()
        key = User(conversation.tenant, user_id)
        ids = self._memberships.get(key)
        if ids is not None:
            ids.discard(conversation.id)
            if not ids:
                del self._memberships[key]

    def _join(self, tenant, user_id, conversation_id):
        self._memberships.setdefault(User(tenant, user_id), set()).add(conversation_id)

    def contacts_of(self, user):
        """The other users of the tenant who share at least one conversation with ``user``."""
        contacts = set()
        for conversation_id in self._memberships.get(user, ()):
            contacts.update(self._conversations[conversation_id].participant_ids)
        contacts.discard(user.id)
        return contacts

    # ------------------------------------------------------------------ messages

    def repeated_message(self, conversation, sender_id, client_message_id):
        """The message this sender already sent with this clientMessageId here, if any (section 8.3)."""
        if client_message_id is None:
            return None
        return conversation.by_client_id.get((sender_id, client_message_id))

    def append_message(self, conversation, sender_id, body, client_message_id):
        message = Message(new_id("m"), conversation.id, conversation.last_seq + 1, sender_id, body,
                          client_message_id, now_iso())
        conversation.messages.append(message)
        conversation.messages_by_id[message.id] = message
        if client_message_id is not None:
            conversation.by_client_id[(sender_id, client_message_id)] = message
        return message

    def message(self, conversation, message_id):
        message = conversation.messages_by_id.get(message_id)
        if message is None or message.deleted:
            raise NotFound("no such message in this conversation")
        return message

    def authored_message(self, conversation, user, message_id):
        message = self.message(conversation, message_id)
        if message.sender_id != user.id:
            raise Forbidden("only the author may change this message")
        return message

    def edit_message(self, message, body):
        message.body = body
        message.edited_at = now_iso()

    def delete_message(self, message):
        message.deleted = True

    def messages_after(self, conversation, after_seq, limit):
        """Up to ``limit`` messages with a seq above ``after_seq``, in seq order; deleted ones are left out."""
        page = []
        for message in conversation.messages[min(after_seq, len(conversation.messages)):]:
            if not message.deleted:
                page.append(message)
                if len(page) == limit:
                    break
        return page
