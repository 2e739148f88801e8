"""A socket's life: the authenticated handshake (contract section 2), online/offline (section 6.5), and
the disconnect when its token expires (section 2.12)."""
import asyncio
import logging
import time

import socketio

from .. import errors
from ..auth import handshake_token
from ..errors import AuthError
from .connections import Connection
from .engine import close_connection
from .server import NAMESPACE

log = logging.getLogger("chatserver.lifecycle")
_AFTER_EXP_SECONDS = 0.005  # never before exp: PyJWT accepts a token up to exp


class SocketLifecycle:
    def __init__(self, sio, verifier, service, connections, broadcaster):
        self._sio = sio
        self._verifier = verifier
        self._service = service
        self._connections = connections
        self._broadcaster = broadcaster
        self._tasks = set()

    def install(self):
        self._sio.on("connect", self.connect)
        self._sio.on("disconnect", self.disconnect)

    async def connect(self, sid, environ, auth=None):
        try:
            token = handshake_token(auth, environ.get("HTTP_AUTHORIZATION"))
            identity = self._verifier.verify(token)
        except AuthError as refusal:
            payload = errors.connect_refusal(refusal)
            raise socketio.exceptions.ConnectionRefusedError(payload["message"], payload["data"]) from None
        connection = Connection(sid, self._sio.manager.eio_sid_from_sid(sid, NAMESPACE), identity.user,
                                identity.expires_at)
        first = self._connections.add(connection)
        self._broadcaster.enter_user_room(sid, identity.user)
        delay = max(0.0, identity.expires_at - time.time()) + _AFTER_EXP_SECONDS
        connection.expiry = asyncio.get_running_loop().call_later(delay, self.expire, sid)
        if first:
            await self._service.announce(identity.user, "user-online")
        return True

    async def disconnect(self, sid):
        connection, last = self._connections.remove(sid)
        if connection is None:
            return
        if connection.expiry is not None:
            connection.expiry.cancel()
        if last:
            await self._service.announce(connection.user, "user-offline")

    def expire(self, sid):
        """Starts the expiry of a socket (idempotent): ``error`` token_expired, then the disconnect."""
        connection = self._connections.get(sid)
        if connection is None or connection.expiring:
            return
        connection.expiring = True
        task = asyncio.get_running_loop().create_task(self._expire(connection))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _expire(self, connection):
        try:
            await self._sio.emit("error", errors.token_expired_event(), to=connection.sid)
            await self._sio.disconnect(connection.sid)
            await close_connection(self._sio.eio, connection.eio_sid)
        except Exception:
            log.exception("expiring socket %s", connection.sid)

    async def close_all(self):
        """Closes every connection (shutdown)."""
        await asyncio.gather(*(close_connection(self._sio.eio, eio_sid) for eio_sid in list(self._sio.eio.sockets)),
                             return_exceptions=True)
