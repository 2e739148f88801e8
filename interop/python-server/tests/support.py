"""Test helpers: the server as a separate process on 127.0.0.1, tokens, and a bare Engine.IO client."""
import asyncio
import json
import os
import select
import signal
import subprocess
import sys
import time
import uuid

import aiohttp
import jwt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.path.join(ROOT, "server.py")
SECRET = "test-secret"
STARTUP_SECONDS = 20  # generous: the build machine is shared
WAIT_SECONDS = 5
HTTP_TIMEOUT = aiohttp.ClientTimeout(total=30)  # no test waits on a silent server for long


def mint(tenant, user, ttl=900, secret=SECRET, **claims):
    now = int(time.time())
    payload = {"sub": user, "tenant_id": tenant, "iat": now, "exp": now + ttl}
    payload.update(claims)
    return jwt.encode({k: v for k, v in payload.items() if v is not None}, secret, algorithm="HS256")


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


class ServerProcess:
    """``server.py`` on a free port, started with ``args``; stop() sends SIGTERM and returns the exit code."""

    def __init__(self, *args, env=None):
        self.args = ["--port", "0", "--jwt-secret", SECRET, *args]
        self.env = env
        self.process = None
        self.url = None
        self.first_line = None

    def start(self):
        self.process = subprocess.Popen([sys.executable, SERVER, *self.args], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, env=self.env)
        ready, _, _ = select.select([self.process.stdout], [], [], STARTUP_SECONDS)
        self.first_line = self.process.stdout.readline().rstrip("\n") if ready else ""
        if not self.first_line.startswith("listening on http://127.0.0.1:"):
            self.process.kill()
            raise AssertionError(f"server did not start: {self.first_line!r} {self.process.stderr.read()}")
        self.url = self.first_line[len("listening on "):]
        return self

    def stop(self, timeout=10):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.process.stdout.close()
            self.process.stderr.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class RawSocket:
    """A bare Engine.IO 4 WebSocket speaking Socket.IO 5 frames by hand."""

    def __init__(self, session, ws):
        self.session = session
        self.ws = ws
        self.frames = []
        self.closed = False

    @staticmethod
    async def open(url, headers=None):
        session = aiohttp.ClientSession(timeout=HTTP_TIMEOUT)
        ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        try:
            ws = await session.ws_connect(ws_url, headers=headers, max_msg_size=0)
        except BaseException:
            await session.close()
            raise
        raw = RawSocket(session, ws)
        opening = await raw.next()
        assert opening.startswith("0{"), opening
        return raw

    async def connect(self, token):
        await self.send("40" + json.dumps({"token": token}))
        return await self.until(lambda f: f.startswith("40") or f.startswith("44"))

    async def send(self, text):
        await self.ws.send_str(text)

    async def next(self, timeout=WAIT_SECONDS):
        """The next text frame, answering Engine.IO pings; None once the server closed the connection."""
        while True:
            msg = await asyncio.wait_for(self.ws.receive(), timeout)
            if msg.type != aiohttp.WSMsgType.TEXT:
                self.closed = True
                return None
            if msg.data == "2":
                await self.ws.send_str("3")
                continue
            self.frames.append(msg.data)
            return msg.data

    async def until(self, predicate, timeout=WAIT_SECONDS):
        deadline = time.monotonic() + timeout
        while True:
            frame = await self.next(max(0.01, deadline - time.monotonic()))
            if frame is None or predicate(frame):
                return frame

    async def ack(self, ack_id, timeout=WAIT_SECONDS):
        """The payload of ACK ``ack_id``; None if the connection closed first."""
        prefix = f"43{ack_id}["
        frame = await self.until(lambda f: f.startswith(prefix), timeout)
        return None if frame is None else json.loads(frame[len(prefix) - 1:])[0]

    async def emit(self, ack_id, event, payload):
        await self.send(f"42{ack_id}" + json.dumps([event, payload]))
        return await self.ack(ack_id)

    async def close(self):
        await self.ws.close()
        await self.session.close()


async def rest(session, url, method, path, token=None, body=None, headers=None):
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = "Bearer " + token
    data = None
    if body is not None:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        all_headers.setdefault("Content-Type", "application/json")
    async with session.request(method, url + path, data=data, headers=all_headers) as response:
        text = await response.text()
        parsed = json.loads(text) if text and response.content_type == "application/json" else text
        return response.status, response.headers, parsed
