"""python-socketio's AsyncServer (5.7, Debian 12) with its packet dispatch replaced by one that answers
every client mistake with the contract's ``invalid_payload`` and never lets one escape as an exception.

Why the library's own dispatch is not used as it is:

- It hands the application any event name the client chooses, the reserved ones included: an event
  named ``connect`` or ``disconnect`` would run the connection handlers again with the client's data.
- An event that is not ``[name, ...]`` (``42{}``, ``42[1]``, ``42``), a packet that does not parse, or a
  packet of a type it does not know raises inside the library; the client gets no answer, and an event
  that asked for an ack waits forever (section 4.1 wants it answered).
- It reassembles binary attachments for as many as the client announces, up to 10 digits' worth; the
  contract's payloads are JSON, so binary events are refused and their attachments skipped.
- A second CONNECT on a connected session is refused with a bare string, and an unknown namespace too.

Events are then handed to ``event_handler(sid, name, args) -> Answer``; the answer goes back as the ack
when the client asked for one, else as an ``error`` event when it failed (section 4.3). Events of one
connection are handled one at a time, in order (``async_handlers=False``).
"""
import logging

import socketio
from socketio import packet as sio_packet

from ..errors import Answer, InvalidPayload

log = logging.getLogger("chatserver.socketio")
NAMESPACE = "/"


class ChatSocketServer(socketio.AsyncServer):
    def __init__(self, **kwargs):
        super().__init__(async_handlers=False, **kwargs)
        self.event_handler = None  # async (sid, name, args) -> Answer, set by the application
        self._attachments_to_skip = {}  # eio sid -> binary frames still owed by a refused binary packet

    # ------------------------------------------------------------------ library hooks

    async def _handle_eio_message(self, eio_sid, data):
        try:
            await self._dispatch(eio_sid, data)
        except Exception:
            log.exception("failure while handling a packet of %s", eio_sid)  # never shown to the client

    async def _handle_eio_disconnect(self, eio_sid):
        self._attachments_to_skip.pop(eio_sid, None)
        await super()._handle_eio_disconnect(eio_sid)

    # ------------------------------------------------------------------ dispatch

    async def _dispatch(self, eio_sid, data):
        if isinstance(data, (bytes, bytearray)):
            await self._binary_frame(eio_sid)
            return
        self._attachments_to_skip.pop(eio_sid, None)  # a text packet ends any unfinished binary packet
        if not isinstance(data, str):
            # python-engineio JSON-decodes message payloads it can ("4[1]", "4null"): none is a Socket.IO packet
            await self._malformed(eio_sid, None, None, "not a Socket.IO packet")
            return
        pkt = self.packet_class()
        pkt.packet_type = None
        try:
            attachments = pkt.decode(data)
        except Exception:
            await self._malformed(eio_sid, pkt.packet_type, pkt.id, "not a Socket.IO packet (bad JSON or header)")
            return
        namespace = pkt.namespace or NAMESPACE
        kind = pkt.packet_type
        if kind == sio_packet.CONNECT:
            await self._connect(eio_sid, namespace, pkt.data)
        elif kind == sio_packet.DISCONNECT:
            await self._handle_disconnect(eio_sid, namespace)
        elif kind == sio_packet.EVENT:
            await self._event(eio_sid, namespace, pkt.id, pkt.data)
        elif kind in (sio_packet.BINARY_EVENT, sio_packet.BINARY_ACK):
            if attachments:
                self._attachments_to_skip[eio_sid] = attachments
            if kind == sio_packet.BINARY_EVENT:
                await self._answer(eio_sid, namespace, pkt.id, _first_string(pkt.data),
                                   _refused("binary payloads are not supported: send JSON"))
        elif kind == sio_packet.ACK:
            pass  # the server never asks clients for acks
        else:
            await self._malformed(eio_sid, None, None, "a Socket.IO packet type clients do not send")

    async def _connect(self, eio_sid, namespace, auth):
        if namespace != NAMESPACE:
            await self._send_packet(eio_sid, self.packet_class(
                sio_packet.CONNECT_ERROR, data={"message": "Invalid namespace"}, namespace=namespace))
        elif self._connected_sid(eio_sid, namespace) is not None:
            await self._malformed(eio_sid, None, None, "already connected to this namespace")
        else:
            await self._handle_connect(eio_sid, namespace, auth)

    async def _event(self, eio_sid, namespace, ack_id, data):
        sid = self._connected_sid(eio_sid, namespace)
        if sid is None:
            return  # not connected to that namespace: nobody to answer, as in Socket.IO itself
        if not (isinstance(data, list) and data and isinstance(data[0], str)):
            await self._answer(eio_sid, namespace, ack_id, None, _refused("an event is [name, payload]"))
            return
        name = data[0]
        answer = await self.event_handler(sid, name, data[1:])
        await self._answer(eio_sid, namespace, ack_id, name, answer)

    async def _binary_frame(self, eio_sid):
        owed = self._attachments_to_skip.get(eio_sid, 0)
        if owed > 1:
            self._attachments_to_skip[eio_sid] = owed - 1
        elif owed == 1:
            del self._attachments_to_skip[eio_sid]
        else:
            await self._malformed(eio_sid, None, None, "a binary frame where no binary attachment was due")

    async def _malformed(self, eio_sid, kind, ack_id, why):
        """Answers a packet too broken to be an event: by ack when its id could be read, else an error event."""
        if kind != sio_packet.EVENT:
            ack_id = None
        await self._answer(eio_sid, NAMESPACE, ack_id, None, _refused(why))

    async def _answer(self, eio_sid, namespace, ack_id, event, answer):
        sid = self._connected_sid(eio_sid, namespace)
        if sid is None:
            return
        if ack_id is not None:
            await self._send_packet(eio_sid, self.packet_class(
                sio_packet.ACK, namespace=namespace, id=ack_id, data=[answer.ack]))
        elif answer.error_event is not None:
            if answer.error_event.get("event") is None:
                answer.error_event["event"] = event
            await self.emit("error", answer.error_event, to=sid, namespace=namespace)

    def _connected_sid(self, eio_sid, namespace):
        sid = self.manager.sid_from_eio_sid(eio_sid, namespace)
        if sid is None or not self.manager.is_connected(sid, namespace):
            return None
        return sid


def _refused(why):
    return Answer.failed(InvalidPayload(why), None)


def _first_string(data):
    return data[0] if isinstance(data, list) and data and isinstance(data[0], str) else None
