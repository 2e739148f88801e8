"""Who receives what (contract section 6), on python-socketio rooms: one room per conversation (the
sockets that joined it) and one per user (all of that user's sockets)."""
from .. import jsoncodec
from ..model import User


def conversation_room(conversation_id):
    return "conversation/" + conversation_id  # conversation ids are unique across tenants


def user_room(user):
    return "user/" + jsoncodec.dumps([user.tenant, user.id])  # unambiguous whatever the ids contain


class Broadcaster:
    def __init__(self, sio, connections):
        self._sio = sio
        self._connections = connections

    async def to_room(self, conversation_id, event, data, skip_sid=None):
        """To every socket that joined the conversation, but ``skip_sid`` (the sending socket)."""
        await self._sio.emit(event, data, room=conversation_room(conversation_id), skip_sid=skip_sid)

    async def to_users(self, tenant, user_ids, event, data):
        """To every connected socket of each of these users of ``tenant``, joined or not."""
        for user_id in list(user_ids):  # a copy: emitting yields, and the caller's list may change meanwhile
            user = User(tenant, user_id)
            if self._connections.sids_of(user):
                await self._sio.emit(event, data, room=user_room(user))

    def join(self, sid, conversation_id):
        self._sio.enter_room(sid, conversation_room(conversation_id))

    def leave(self, sid, conversation_id):
        self._sio.leave_room(sid, conversation_room(conversation_id))

    def remove_user(self, user, conversation_id):
        """Takes every socket of ``user`` out of the conversation's room at once (section 3.8)."""
        for sid in self._connections.sids_of(user):
            self._sio.leave_room(sid, conversation_room(conversation_id))

    def enter_user_room(self, sid, user):
        self._sio.enter_room(sid, user_room(user))
