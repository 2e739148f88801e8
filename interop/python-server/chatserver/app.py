"""Wires the server together and runs it until SIGTERM or SIGINT."""
import asyncio
import contextlib
import logging
import signal
import socket
import sys

import socketio  # noqa: F401  (imported first so a missing package fails here, not midway)
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_protocol import RequestPayloadError

from . import config, jsoncodec
from .auth import TokenVerifier
from .ratelimit import MESSAGE, TYPING, RateLimiter
from .realtime import engine
from .realtime.broadcaster import Broadcaster
from .realtime.connections import Connections
from .realtime.events import ClientEvents
from .realtime.lifecycle import SocketLifecycle
from .realtime.server import ChatSocketServer
from .rest.middleware import SOCKET_PATH, api_middleware
from .rest.routes import RestApi
from .service import ChatService
from .store import ChatStore

log = logging.getLogger("chatserver")
PING_INTERVAL_SECONDS = 25  # Engine.IO's usual figures, as the JavaScript server's defaults
PING_TIMEOUT_SECONDS = 20
REST_MAX_BODY_BYTES = 1024 * 1024
SHUTDOWN_SECONDS = 3.0
SWEEP_SECONDS = 60


class ChatApp:
    """The aiohttp application: REST, /health and Socket.IO on one port."""

    def __init__(self, settings):
        origins = engine.OriginPolicy(settings.allowed_origins)
        self.sio = ChatSocketServer(
            async_mode="aiohttp",
            json=jsoncodec,
            cors_allowed_origins=origins.listed,
            max_http_buffer_size=settings.max_payload_bytes,
            ping_interval=PING_INTERVAL_SECONDS,
            ping_timeout=PING_TIMEOUT_SECONDS,
            logger=logging.getLogger("socketio"),
            engineio_logger=logging.getLogger("engineio"),
        )
        engine.install(self.sio.eio, settings.max_payload_bytes)
        verifier = TokenVerifier(settings.jwt_secret, settings.jwt_issuer, settings.jwt_audience)
        self.limiter = RateLimiter({MESSAGE: settings.message_rate, TYPING: settings.typing_rate})
        connections = Connections()
        broadcaster = Broadcaster(self.sio, connections)
        service = ChatService(ChatStore(), self.limiter, broadcaster)
        self.lifecycle = SocketLifecycle(self.sio, verifier, service, connections, broadcaster)
        self.lifecycle.install()
        self.sio.event_handler = ClientEvents(service, connections, self.lifecycle.expire).handle

        self.app = web.Application(middlewares=[api_middleware(verifier, origins)], client_max_size=REST_MAX_BODY_BYTES)
        self.app.router.add_route("*", SOCKET_PATH, engine.EngineRoute(self.sio, origins, settings.max_payload_bytes))
        RestApi(service).add_routes(self.app.router)
        self.app.on_startup.append(self._start_sweeping)
        self.app.on_shutdown.append(self._close_connections)
        self.app.on_cleanup.append(self._stop_sweeping)
        self._sweeper = None

    async def _start_sweeping(self, app):
        """Keeps memory bounded in a long run: full rate buckets and closed sessions are forgotten."""

        async def sweep():
            while True:
                await asyncio.sleep(SWEEP_SECONDS)
                self.limiter.forget_full_buckets()
                engine.forget_closed_sessions(self.sio.eio)

        self._sweeper = asyncio.get_running_loop().create_task(sweep())

    async def _stop_sweeping(self, app):
        if self._sweeper is not None:
            self._sweeper.cancel()

    async def _close_connections(self, app):
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.lifecycle.close_all(), SHUTDOWN_SECONDS)


def _listen(host, port):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family)


async def serve(settings, out=sys.stdout):
    chat = ChatApp(settings)
    runner = web.AppRunner(chat.app, handle_signals=False, access_log=None)
    await runner.setup()
    try:
        sock = _listen(settings.host, settings.port)
    except OSError as e:
        await runner.cleanup()
        raise RuntimeError(f"cannot listen on {settings.host}:{settings.port}: {e.strerror or e}") from None
    await web.SockSite(runner, sock, shutdown_timeout=SHUTDOWN_SECONDS).start()
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    print(f"listening on http://{host}:{sock.getsockname()[1]}", file=out, flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    await runner.cleanup()


def _not_a_client_protocol_error(record):
    """aiohttp logs, with a traceback, every request it could not parse and every body it could not decode
    (e.g. a Content-Encoding: gzip body that is not gzip) while skipping it; that is the client's doing."""
    return not (record.exc_info and isinstance(record.exc_info[1], (HttpProcessingError, RequestPayloadError)))


def main(argv):
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("socketio").setLevel(logging.ERROR)
    logging.getLogger("engineio").setLevel(logging.ERROR)
    logging.getLogger("aiohttp.server").addFilter(_not_a_client_protocol_error)
    try:
        settings = config.parse(argv)
    except config.UsageError as e:
        print(f"server.py: {e}", file=sys.stderr)
        return 2
    try:
        asyncio.run(serve(settings))
    except RuntimeError as e:
        print(f"server.py: {e}", file=sys.stderr)
        return 1
    finally:
        # the loop's handlers are gone with it: a second signal while exiting must not turn exit 0 into a kill
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    return 0
