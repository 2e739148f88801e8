"""Engine.IO (python-engineio 4.3, Debian 12) made to keep the contract and to survive hostile clients.

What the library does on its own and what this module changes, point by point:

- maxPayload (section 1.4). python-engineio compares a WebSocket message's length in *characters* with
  ``max_http_buffer_size``, after aiohttp has already accepted up to 4 MiB. Here aiohttp itself refuses
  any WebSocket message of more than 1,000,000 *bytes* (its limit counts bytes and refuses at or above
  ``max_msg_size``, hence the + 1) and closes that connection with 1009; permessage-deflate is off, as in
  the JavaScript server, so the limit is the bytes on the wire. A polling POST body above the limit closes
  that session here, answered 400 at once (the library would wait for the client's next GET first).
- A WebSocket frame that is not an Engine.IO packet (empty, unknown type letter, bad base64) makes the
  library's read loop raise outside its error handling, leaving the session half-open (and a type digit
  above 6 makes it fail while logging it). Such a frame closes that connection here, as the JavaScript
  server does on a parse error. A CLOSE packet ends the WebSocket too, where the library would close the
  session and leave the WebSocket open.
- A polling POST that is not valid UTF-8 or not an Engine.IO payload is logged and answered 200 by the
  library, its packets silently dropped; a packet type a client never sends makes it wait for the next
  GET before answering. Both close that session here with a 400 that says why.
- A request naming a session that has just closed, a second WebSocket upgrade of a session, or a POST
  without a session id makes the library raise and aiohttp answer 500; each is a plain 400 here.
- Once a session has upgraded to WebSocket, the library still takes polling POSTs (and answers GETs with
  NOOP); the contract wants the old polling session to take no more requests (section 1.3): 400.
- JSONP polling (``j=``), which Engine.IO 4 clients never use, is refused.
- The Origin allow-list (section 2.14) is the library's own check, given a predicate, because its
  "empty list" means "no check at all" while the contract's empty list means "refuse every Origin".
"""
import asyncio
import logging

from aiohttp import web
from aiohttp.web import WebSocketResponse
from engineio import packet as eio_packet
from engineio import payload as eio_payload
from engineio.async_drivers import aiohttp as aiohttp_driver

log = logging.getLogger("chatserver.engine")

_WEBSOCKET_ATTRIBUTE = "chat_websocket"  # set on each engineio socket that uses a WebSocket
_POLLING_BODY = "chat.polling_body"  # a polling POST body read (and checked) before the library sees it
_CLIENT_POLLING_TYPES = {eio_packet.CLOSE, eio_packet.PONG, eio_packet.MESSAGE, eio_packet.UPGRADE}
_FLUSH_BEFORE_CLOSE_SECONDS = 1.0


class OriginPolicy:
    """The handshake Origin allow-list: no Origin header is allowed, any other must be listed."""

    def __init__(self, allowed):
        self.allowed = frozenset(allowed)

    def allows(self, origin):
        return not origin or origin in self.allowed

    def listed(self, origin):
        """The predicate python-engineio calls with the Origin of requests that carry one."""
        return bool(origin) and origin in self.allowed


class GuardedWebSocket:
    """python-engineio's aiohttp WebSocket adapter, with a byte limit and a check of every frame."""

    def __init__(self, handler, max_payload_bytes):
        self._handler = handler  # the engineio socket's bound _websocket_handler
        self._max_msg_size = max_payload_bytes + 1
        self._sock = None

    async def __call__(self, environ):
        request = environ["aiohttp.request"]
        self._sock = WebSocketResponse(max_msg_size=self._max_msg_size, compress=False)
        await self._sock.prepare(request)
        # Lets the server close this WebSocket itself: the library only queues a CLOSE packet and leaves the
        # connection to the client.
        setattr(self._handler.__self__, _WEBSOCKET_ATTRIBUTE, self)
        await self._handler(self)
        return self._sock

    async def close(self):
        await self._sock.close()

    async def send(self, message):
        if isinstance(message, bytes):
            await self._sock.send_bytes(message)
        else:
            await self._sock.send_str(message)

    async def wait(self):
        msg = await self._sock.receive()
        if not isinstance(msg.data, (bytes, str)):
            raise IOError("the WebSocket closed")  # close, error (e.g. over max_msg_size) or closing
        if isinstance(msg.data, str):
            try:
                pkt = eio_packet.Packet(encoded_packet=msg.data)
            except Exception:
                log.info("closing a WebSocket that sent a frame that is not an Engine.IO packet")
                raise IOError("not an Engine.IO packet") from None
            if not 0 <= pkt.packet_type < len(eio_packet.packet_names):
                raise IOError("not an Engine.IO packet type")  # the library would fail on it while logging
            if pkt.packet_type == eio_packet.CLOSE:
                raise IOError("the client closed the session")  # ends the WebSocket too, not only the session
        return msg.data


class _PolledBody:
    """Stands in for the request stream once the guard has read the body."""

    def __init__(self, body):
        self._body = body

    async def read(self, length=-1):
        body, self._body = self._body, b""
        return body


def _translate_request(request):
    environ = aiohttp_driver.translate_request(request)
    body = request.get(_POLLING_BODY)
    if body is not None:
        environ["wsgi.input"] = _PolledBody(body)
        environ["CONTENT_LENGTH"] = str(len(body))
    return environ


def install(eio, max_payload_bytes):
    """Puts the guarded WebSocket adapter and request translation into an engineio.AsyncServer."""
    eio._async = dict(
        eio._async,
        websocket=lambda handler: GuardedWebSocket(handler, max_payload_bytes),
        translate_request=_translate_request,
    )


def forget_closed_sessions(eio):
    """Drops sessions the library closed but keeps: a polling client that vanished is closed by the ping
    check, yet stays in ``eio.sockets`` until a request names it again, which never happens."""
    for sid, sock in list(eio.sockets.items()):
        if sock.closed:
            eio.sockets.pop(sid, None)


async def close_connection(eio, eio_sid):
    """Closes one Engine.IO connection from the server side, whatever its transport; safe to repeat."""
    sock = eio.sockets.get(eio_sid)
    if sock is None or sock.closed or sock.closing:
        return
    websocket = getattr(sock, _WEBSOCKET_ATTRIBUTE, None)
    await sock.close(wait=False)  # runs the disconnect handlers and queues a CLOSE packet
    if websocket is not None:
        try:
            # what is queued (an error event, the DISCONNECT, the CLOSE) reaches the client first
            await asyncio.wait_for(sock.queue.join(), _FLUSH_BEFORE_CLOSE_SECONDS)
        except asyncio.TimeoutError:
            pass
        await websocket.close()


def _refusal(message):
    return web.Response(status=400, text=message, content_type="text/plain")


class EngineRoute:
    """The aiohttp handler of ``/socket.io/``: the guards above, then python-socketio."""

    def __init__(self, sio, origins, max_payload_bytes):
        self._sio = sio
        self._origins = origins
        self._max_payload_bytes = max_payload_bytes

    async def __call__(self, request):
        if "j" in request.query:
            return _refusal("JSONP polling is not supported")
        sid = request.query.get("sid")
        if request.method == "POST" and not sid:
            return _refusal("a polling POST needs the session id (sid) of its handshake")
        sock = self._sio.eio.sockets.get(sid) if sid else None
        if sock is not None:
            if sock.closed:
                self._sio.eio.sockets.pop(sid, None)  # the library answers "Invalid session" from here
            elif _asks_for_websocket(request) and (sock.upgraded or sock.upgrading):
                return _refusal("this session already uses WebSocket")
            elif sock.upgraded and not _asks_for_websocket(request):
                return _refusal("this session has moved to WebSocket: polling is over")  # section 1.3
            elif request.method == "POST" and self._origins.allows(request.headers.get("Origin")):
                refusal = await self._read_polling_body(request, sid)
                if refusal is not None:
                    return refusal
        return await self._sio.handle_request(request)

    async def _read_polling_body(self, request, sid):
        length = request.content_length
        if length is None:
            return _refusal("a polling POST needs a Content-Length")
        if length > self._max_payload_bytes:
            await close_connection(self._sio.eio, sid)
            return _refusal(f"payload larger than maxPayload ({self._max_payload_bytes} bytes): session closed")
        body = await request.read()
        try:
            packets = eio_payload.Payload(encoded_payload=body.decode("utf-8")).packets
            if any(p.packet_type not in _CLIENT_POLLING_TYPES for p in packets):
                raise ValueError("a packet type clients do not send")
        except Exception:
            await close_connection(self._sio.eio, sid)
            return _refusal("not an Engine.IO payload in UTF-8: session closed")
        request[_POLLING_BODY] = body
        return None


def _asks_for_websocket(request):
    return request.headers.get("Upgrade", "").lower() == "websocket" or request.query.get("transport") == "websocket"
