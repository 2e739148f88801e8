"""The client-to-server events (contract section 5): payload checks, then one ChatService call each."""
import logging
import time

from .. import validation as v
from ..errors import Answer, ChatError, Internal, InvalidPayload, TokenExpired

log = logging.getLogger("chatserver.events")


class ClientEvents:
    def __init__(self, service, connections, expire):
        """``expire(sid)`` starts the expiry of a socket whose token has run out (see SocketLifecycle)."""
        self._service = service
        self._connections = connections
        self._expire = expire
        self._handlers = {
            "join-conversation": self._join,
            "leave-conversation": self._leave,
            "message": self._message,
            "typing": self._typing,
            "message-read": self._read,
            "message-edited": self._edit,
            "message-deleted": self._delete,
            "presence-update": self._presence,
        }

    async def handle(self, sid, name, args):
        """Answers one event; never raises."""
        try:
            connection = self._connections.get(sid)
            if connection is None:
                raise TokenExpired("this socket is closing")
            if time.time() >= connection.expires_at:
                # the expiry timer is due any moment; nothing may slip through after exp
                self._expire(sid)
                raise TokenExpired("the token expired")
            handler = self._handlers.get(name)
            if handler is None:
                raise InvalidPayload("unknown event; the events are " + ", ".join(self._handlers))
            payload = v.require_object(args[0] if args else None)
            return Answer.ok(await handler(connection, payload))
        except ChatError as error:
            return Answer.failed(error, name)
        except Exception:
            log.exception("event %r failed", name)
            return Answer.failed(Internal("internal error"), name)

    async def _join(self, connection, payload):
        conversation_id = v.required_id(payload, "conversationId")
        return self._service.join(connection.user, conversation_id, connection.sid)

    async def _leave(self, connection, payload):
        conversation_id = v.required_id(payload, "conversationId")
        return self._service.leave(connection.sid, conversation_id)

    async def _message(self, connection, payload):
        conversation_id = v.required_id(payload, "conversationId")
        body = v.body(payload)
        client_message_id = v.optional_id(payload, "clientMessageId")
        message, _ = await self._service.send_message(connection.user, conversation_id, body, client_message_id,
                                                      from_sid=connection.sid)
        return message

    async def _typing(self, connection, payload):
        conversation_id = v.required_id(payload, "conversationId")
        is_typing = v.boolean(payload, "isTyping")
        return await self._service.typing(connection.user, conversation_id, is_typing, from_sid=connection.sid)

    async def _read(self, connection, payload):
        conversation_id = v.required_id(payload, "conversationId")
        message_id = v.required_id(payload, "messageId")
        return await self._service.mark_read(connection.user, conversation_id, message_id, from_sid=connection.sid)

    async def _edit(self, connection, payload):
        conversation_id = v.required_id(payload, "conversationId")
        message_id = v.required_id(payload, "messageId")
        body = v.body(payload)
        return await self._service.edit_message(connection.user, conversation_id, message_id, body,
                                                from_sid=connection.sid)

    async def _delete(self, connection, payload):
        conversation_id = v.required_id(payload, "conversationId")
        message_id = v.required_id(payload, "messageId")
        return await self._service.delete_message(connection.user, conversation_id, message_id,
                                                  from_sid=connection.sid)

    async def _presence(self, connection, payload):
        status = v.status(payload)
        status_text = v.status_text(payload)
        return await self._service.update_presence(connection.user, status, status_text)
