"""The live sockets: who each one is, and each user's sockets (for presence, removal and delivery)."""
import asyncio
from dataclasses import dataclass, field
from typing import Optional

from ..model import User


@dataclass
class Connection:
    sid: str  # the Socket.IO session id
    eio_sid: str  # its Engine.IO connection
    user: User
    expires_at: float  # the token's exp
    expiry: Optional[asyncio.TimerHandle] = field(default=None, repr=False)
    expiring: bool = False  # the token expired and the socket is being closed


class Connections:
    def __init__(self):
        self._by_sid = {}
        self._by_user = {}  # User -> {sid}

    def add(self, connection):
        """Registers a socket; True when it is its user's first (section 6.5)."""
        self._by_sid[connection.sid] = connection
        sids = self._by_user.setdefault(connection.user, set())
        sids.add(connection.sid)
        return len(sids) == 1

    def remove(self, sid):
        """Forgets a socket; returns it (or None) and whether it was its user's last."""
        connection = self._by_sid.pop(sid, None)
        if connection is None:
            return None, False
        sids = self._by_user.get(connection.user, set())
        sids.discard(sid)
        if not sids:
            self._by_user.pop(connection.user, None)
            return connection, True
        return connection, False

    def get(self, sid):
        return self._by_sid.get(sid)

    def sids_of(self, user):
        return set(self._by_user.get(user, ()))

    def all(self):
        return list(self._by_sid.values())

    def __len__(self):
        return len(self._by_sid)
