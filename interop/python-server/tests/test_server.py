"""The server as a process on 127.0.0.1, driven by bare Engine.IO/Socket.IO frames and REST calls: the
places where python-socketio needed wrapping to keep the contract (see chatserver/realtime)."""
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import unittest

import aiohttp

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.support import HTTP_TIMEOUT, SERVER, RawSocket, ServerProcess, mint, rest, unique  # noqa: E402

MAX_PAYLOAD = 1_000_000
ORIGIN = "http://127.0.0.1:8081"


class ServerTestCase(unittest.IsolatedAsyncioTestCase):
    """One server for the whole class; every test uses fresh tenants."""

    server_args = ()

    @classmethod
    def setUpClass(cls):
        cls.server = ServerProcess(*cls.server_args).start()
        cls.url = cls.server.url

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    async def asyncSetUp(self):
        self.http = aiohttp.ClientSession(timeout=HTTP_TIMEOUT)
        self.tenant = unique("tenant")
        self.sockets = []

    async def asyncTearDown(self):
        for s in self.sockets:
            await s.close()
        await self.http.close()

    async def raw(self, user=None, headers=None, tenant=None):
        s = await RawSocket.open(self.url, headers)
        self.sockets.append(s)
        if user is not None:
            connected = await s.connect(mint(tenant or self.tenant, user))
            self.assertTrue(connected.startswith("40{"), connected)
        return s

    async def conversation(self, creator, *others):
        status, _, body = await rest(self.http, self.url, "POST", "/api/v2/conversations",
                                     mint(self.tenant, creator), {"title": "t", "participantIds": list(others)})
        self.assertEqual(201, status, body)
        return body["id"]

    async def polling_session(self, user):
        """A connected polling session; returns its query path."""
        async with self.http.get(self.url + "/socket.io/?EIO=4&transport=polling") as response:
            sid = json.loads((await response.text())[1:])["sid"]
        path = f"/socket.io/?EIO=4&transport=polling&sid={sid}"
        await self.post(path, "40" + json.dumps({"token": mint(self.tenant, user)}))
        async with self.http.get(self.url + path) as response:
            self.assertIn("40{", await response.text())
        return path

    async def post(self, path, body):
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": "text/plain;charset=UTF-8"}
        async with self.http.post(self.url + path, data=data, headers=headers) as r:
            return r.status, await r.text()

    async def poll_until(self, path, needle, timeout=5):
        deadline = time.monotonic() + timeout
        seen = ""
        while time.monotonic() < deadline and needle not in seen:
            async with self.http.get(self.url + path) as response:
                seen += await response.text()
                if response.status != 200:
                    break
        return seen


def message_frame(ack_id, conversation_id, size_bytes, filler="a"):
    """An EVENT frame ``message`` of exactly ``size_bytes`` bytes (as UTF-8), ack id ``ack_id``."""
    head = f'42{ack_id}["message",{{"conversationId":"{conversation_id}","body":"'
    tail = '"}]'
    room = size_bytes - len(head.encode()) - len(tail.encode())
    width = len(filler.encode())
    body = filler * (room // width) + "a" * (room % width)
    frame = head + body + tail
    assert len(frame.encode()) == size_bytes
    return frame


class MaxPayloadTest(ServerTestCase):
    async def test_websocket_message_of_exactly_max_payload_bytes_is_read(self):
        conversation = await self.conversation("alice")
        s = await self.raw("alice")
        await s.send(message_frame(1, conversation, MAX_PAYLOAD))
        ack = await s.ack(1)
        self.assertEqual("invalid_payload", ack["error"]["code"])  # read, and its body is over 4000 characters
        self.assertEqual(True, (await s.emit(2, "join-conversation", {"conversationId": conversation}))["ok"])

    async def test_websocket_message_one_byte_over_closes_that_connection_only(self):
        conversation = await self.conversation("alice")
        bystander = await self.raw("alice")
        for filler in ("a", "é"):  # bytes count, not characters
            oversized = await self.raw("alice")
            try:
                await oversized.send(message_frame(1, conversation, MAX_PAYLOAD + 1, filler))
            except (ConnectionError, aiohttp.ClientOSError):
                # The server may close as soon as the frame header announces too many bytes,
                # before the client has written the rest: a broken pipe is that same refusal.
                continue
            self.assertIsNone(await oversized.until(lambda f: False))
            self.assertTrue(oversized.closed)
        ack = await bystander.emit(7, "message", {"conversationId": conversation, "body": "still here"})
        self.assertTrue(ack["ok"], ack)

    async def test_polling_post_of_exactly_max_payload_is_read_and_one_byte_more_closes_the_session(self):
        conversation = await self.conversation("alice")
        path = await self.polling_session("alice")
        status, _ = await self.post(path, message_frame(5, conversation, MAX_PAYLOAD))
        self.assertEqual(200, status)
        self.assertIn('435[{"ok":false,"error":{"code":"invalid_payload"', await self.poll_until(path, "435["))
        status, text = await self.post(path, message_frame(6, conversation, MAX_PAYLOAD + 1))
        self.assertEqual(400, status, text)
        async with self.http.get(self.url + path) as response:
            self.assertEqual(400, response.status)  # the session is gone


class DeliveryTest(ServerTestCase):
    async def test_concurrent_senders_reach_every_socket_in_seq_order_exactly_once(self):
        conversation = await self.conversation("alice", "bob", "carol")
        senders = [await self.raw(user) for user in ("alice", "bob")]
        receivers = [await self.raw("carol"), await self.raw("carol")]
        for ack_id, s in enumerate(senders + receivers, start=1):
            self.assertTrue((await s.emit(ack_id, "join-conversation", {"conversationId": conversation}))["ok"])
        per_sender = 15  # under the default burst of 20: every one is accepted
        for i in range(per_sender):  # interleaved, without waiting for acks
            for s in senders:
                payload = {"conversationId": conversation, "body": f"m{i}"}
                await s.send(f"42{100 + i}" + json.dumps(["message", payload]))
        for s in senders:
            for i in range(per_sender):
                self.assertTrue((await s.ack(100 + i))["ok"])
        for r in receivers:
            seqs = []
            while len(seqs) < 2 * per_sender:
                frame = await r.until(lambda f: f.startswith('42["message"'))
                self.assertIsNotNone(frame, f"after {len(seqs)} messages")
                seqs.append(json.loads(frame[2:])[1]["seq"])
            self.assertEqual(list(range(1, 2 * per_sender + 1)), seqs)


class HostileTransportTest(ServerTestCase):
    async def test_frames_that_are_not_engine_io_packets_close_only_their_connection(self):
        conversation = await self.conversation("alice")
        healthy = await self.raw("alice")
        for frame in ("", "x", "9", "1x", "b4AAAA", "  42[]"):
            hostile = await self.raw("alice")
            await hostile.send(frame)
            await hostile.send('42777["leave-conversation",{"conversationId":"x"}]')
            self.assertIsNone(await hostile.until(lambda f: f.startswith("43777")), repr(frame))
        ack = await healthy.emit(1, "message", {"conversationId": conversation, "body": "hello"})
        self.assertTrue(ack["ok"], ack)

    async def test_bad_polling_requests_are_refused_with_400_never_500(self):
        path = await self.polling_session("alice")
        self.assertEqual(400, (await self.post("/socket.io/?EIO=4&transport=polling", "40"))[0])
        self.assertEqual(400, (await self.post(path + "&j=0", "40"))[0])
        status, text = await self.post(path, b"42[\"message\",\"\xc3\"]")
        self.assertEqual(400, status, text)  # not UTF-8: the session is closed
        for method in ("GET", "POST"):
            async with self.http.request(method, self.url + path, data=b"40") as response:
                self.assertEqual(400, response.status, method)  # a closed session, not a 500
        other = await self.polling_session("alice")
        self.assertEqual(400, (await self.post(other, "9"))[0])  # a type clients never send, answered at once

    async def test_a_websocket_session_cannot_be_upgraded_again(self):
        s = await self.raw("alice")
        sid = json.loads(s.frames[0][1:])["sid"]
        ws_url = self.url.replace("http", "ws") + f"/socket.io/?EIO=4&transport=websocket&sid={sid}"
        with self.assertRaises(aiohttp.WSServerHandshakeError) as refused:
            await self.http.ws_connect(ws_url)
        self.assertEqual(400, refused.exception.status)

    async def test_after_an_upgrade_the_polling_session_takes_no_more_requests(self):
        path = await self.polling_session("alice")
        ws = await self.http.ws_connect(self.url.replace("http", "ws") + path.replace("polling", "websocket"))
        try:
            await ws.send_str("2probe")
            self.assertEqual("3probe", (await ws.receive()).data)
            await self.poll_until(path, "6")  # the server ends the pending poll with a NOOP
            await ws.send_str("5")
            # an ack over the new transport: the server has taken the UPGRADE packet, which came before it
            await ws.send_str('421["leave-conversation",{"conversationId":"c"}]')
            while not (await asyncio.wait_for(ws.receive(), 5)).data.startswith("431["):
                pass
            self.assertEqual(400, (await self.post(path, '42["typing",{}]'))[0])
            async with self.http.get(self.url + path) as response:
                self.assertEqual(400, response.status)
        finally:
            await ws.close()

    async def test_a_client_close_packet_ends_the_websocket(self):
        s = await self.raw("alice")
        await s.send("1")
        self.assertIsNone(await s.until(lambda f: False))


class HostileSocketIoTest(ServerTestCase):
    async def test_reserved_and_unknown_event_names_are_invalid_payload_and_change_nothing(self):
        conversation = await self.conversation("alice", "bob")
        bob = await self.raw("bob")
        alice = await self.raw("alice")
        for ack_id, name in enumerate(("connect", "disconnect", "error", "newListener", "nope"), start=1):
            ack = await alice.emit(ack_id, name, {})
            self.assertEqual("invalid_payload", ack["error"]["code"], name)
        await alice.emit(10, "join-conversation", {"conversationId": conversation})
        self.assertTrue((await alice.emit(11, "message", {"conversationId": conversation, "body": "x"}))["ok"])
        self.assertFalse(any(f.startswith('42["user-offline"') for f in bob.frames))

    async def test_malformed_packets_are_answered_and_the_connection_stays(self):
        s = await self.raw("alice")
        for frame in ('42[1]', '42{}', '42', '421[bad', '47', '4"x"'):
            await s.send(frame)
            if frame == '421[bad':
                self.assertEqual("invalid_payload", (await s.ack(1))["error"]["code"])
            else:
                error = await s.until(lambda f: f.startswith('42["error"'))
                self.assertEqual("invalid_payload", json.loads(error[2:])[1]["code"], frame)
        self.assertTrue((await s.emit(2, "leave-conversation", {"conversationId": "c"}))["ok"])

    async def test_binary_events_are_refused_and_their_attachments_skipped(self):
        s = await self.raw("alice")
        await s.send('451-3["message",{"_placeholder":true,"num":0}]')
        self.assertIn("binary", (await s.ack(3))["error"]["message"])
        await s.ws.send_bytes(b"\x00\x01")
        self.assertTrue((await s.emit(4, "leave-conversation", {"conversationId": "c"}))["ok"])

    async def test_second_connect_and_unknown_namespace(self):
        s = await self.raw("alice")
        await s.send("40" + json.dumps({"token": mint(self.tenant, "mallory")}))
        error = await s.until(lambda f: f.startswith('42["error"'))
        self.assertEqual("invalid_payload", json.loads(error[2:])[1]["code"])
        await s.send("40/admin,")
        self.assertEqual('44/admin,{"message":"Invalid namespace"}', await s.until(lambda f: f.startswith("44")))

    async def test_a_token_in_the_query_string_is_not_looked_at(self):
        token = mint(self.tenant, "alice")
        session = aiohttp.ClientSession(timeout=HTTP_TIMEOUT)
        try:
            ws = await session.ws_connect(self.url.replace("http", "ws")
                                          + f"/socket.io/?EIO=4&transport=websocket&token={token}")
            await ws.receive()
            await ws.send_str("40")
            refused = (await ws.receive()).data
            self.assertEqual('44{"message":"unauthorized","data":{"code":"token_missing"}}', refused)
            await ws.close()
        finally:
            await session.close()


class ExpiryTest(ServerTestCase):
    async def test_an_expiring_token_gets_token_expired_then_a_disconnect_within_five_seconds_of_exp(self):
        exp = int(time.time()) + 2
        doomed = await self.raw()
        other_tenant = await self.raw("alice", tenant=unique("tenant"))
        await doomed.connect(mint(self.tenant, "alice", ttl=exp - int(time.time())))
        error = await doomed.until(lambda f: f.startswith('42["error"'), timeout=10)
        self.assertGreaterEqual(time.time(), exp)
        self.assertEqual("token_expired", json.loads(error[2:])[1]["code"])
        self.assertEqual("41", await doomed.until(lambda f: f.startswith("41"), timeout=5))
        self.assertIsNone(await doomed.until(lambda f: False, timeout=5))  # the connection itself ends
        self.assertLess(time.time(), exp + 5)
        self.assertTrue((await other_tenant.emit(1, "leave-conversation", {"conversationId": "c"}))["ok"])


class OriginTest(ServerTestCase):
    server_args = ("--allowed-origins", ORIGIN)

    async def test_only_listed_origins_or_none_may_open_a_session_on_either_transport(self):
        handshake = self.url + "/socket.io/?EIO=4&transport=polling"
        async with self.http.get(handshake, headers={"Origin": ORIGIN}) as response:
            self.assertEqual(200, response.status)
            self.assertEqual(ORIGIN, response.headers.get("Access-Control-Allow-Origin"))
        async with self.http.get(handshake, headers={"Origin": "https://evil.example"}) as response:
            self.assertEqual(400, response.status)
            self.assertNotIn("Access-Control-Allow-Origin", response.headers)
        with self.assertRaises(aiohttp.WSServerHandshakeError):
            await RawSocket.open(self.url, {"Origin": "https://evil.example"})
        await self.raw("alice", headers={"Origin": ORIGIN})
        await self.raw("alice")

    async def test_rest_answers_cors_for_listed_origins(self):
        async with self.http.options(self.url + "/api/v2/conversations", headers={
                "Origin": ORIGIN, "Access-Control-Request-Method": "POST"}) as response:
            self.assertEqual(204, response.status)
            self.assertIn("Authorization", response.headers["Access-Control-Allow-Headers"])


class NoOriginListTest(ServerTestCase):
    async def test_without_a_list_every_origin_is_refused(self):
        async with self.http.get(self.url + "/socket.io/?EIO=4&transport=polling",
                                 headers={"Origin": "http://127.0.0.1:" + self.url.rsplit(":", 1)[1]}) as response:
            self.assertEqual(400, response.status)


class RestTest(ServerTestCase):
    server_args = ("--rate-message", "3:1")

    async def test_errors_keep_to_the_contract_statuses_and_body(self):
        token = mint(self.tenant, "alice")
        conversation = await self.conversation("alice")
        cases = [
            ("PUT", "/api/v2/conversations", None, {}, 404, "not_found"),
            ("GET", "/nowhere", None, {}, 404, "not_found"),
            ("POST", "/api/v2/conversations", '{"participantIds":[]}', {"Content-Type": "application/xml"}, 400,
             "invalid_payload"),
            ("POST", "/api/v2/conversations", b'{"title":"\xc3"}', {}, 400, "invalid_payload"),
            ("POST", "/api/v2/conversations", '{"participantIds":[]}', {"Content-Encoding": "gzip"}, 400,
             "invalid_payload"),
            ("GET", f"/api/v2/conversations/{conversation}/messages?limit=101", None, {}, 400, "invalid_payload"),
            ("GET", f"/api/v2/conversations/{conversation}/messages?limit=1&limit=2", None, {}, 400,
             "invalid_payload"),
            ("GET", "/api/v2/conversations/" + "i" * 65, None, {}, 400, "invalid_payload"),
        ]
        for method, path, body, headers, status, code in cases:
            got, response_headers, answer = await rest(self.http, self.url, method, path, token, body, headers)
            self.assertEqual((status, code), (got, answer["error"]["code"]), (method, path, answer))
            self.assertTrue(response_headers["Content-Type"].startswith("application/json"))
            if "Content-Encoding" in headers:
                self.assertEqual("close", response_headers.get("Connection"))  # its body cannot be skipped

    async def test_401_and_429_carry_their_headers(self):
        status, headers, body = await rest(self.http, self.url, "GET", "/api/v2/conversations", "garbage")
        self.assertEqual((401, 'Bearer error="invalid_token"', "token_invalid"),
                         (status, headers["WWW-Authenticate"], body["error"]["code"]))
        conversation = await self.conversation("alice")
        token = mint(self.tenant, "alice")
        path = f"/api/v2/conversations/{conversation}/messages"
        statuses = [(await rest(self.http, self.url, "POST", path, token, {"body": f"m{i}"}))[0] for i in range(3)]
        self.assertEqual([201, 201, 201], statuses)
        status, headers, body = await rest(self.http, self.url, "POST", path, token, {"body": "one too many"})
        self.assertEqual((429, "rate_limited"), (status, body["error"]["code"]))
        self.assertEqual(("1", '"message";r=0;t=1', '"message";q=3;w=3'),
                         (headers["Retry-After"], headers["RateLimit"], headers["RateLimit-Policy"]))


class ProcessTest(unittest.TestCase):
    def run_server(self, *args, interpreter=sys.executable, flags=()):
        return subprocess.run([interpreter, *flags, SERVER, *args], capture_output=True, text=True, timeout=60)

    def test_bad_options_exit_2_with_a_message(self):
        result = self.run_server("--port", "0", "--jwt-secret", "s", "--rate-typing", "x")
        self.assertEqual(2, result.returncode)
        self.assertIn("--rate-typing must be CAPACITY:PER_SECOND", result.stderr)

    def test_missing_packages_name_the_apt_get_command(self):
        result = self.run_server("--jwt-secret", "s", flags=("-S",))  # -S: no site-packages, as in a bare venv
        self.assertEqual(2, result.returncode)
        self.assertIn("apt-get install -y python3-socketio python3-aiohttp python3-jwt", result.stderr)

    def test_sigterm_and_sigint_close_cleanly_with_live_connections(self):
        for signum in (signal.SIGTERM, signal.SIGINT):
            server = ServerProcess().start()
            self.assertRegex(server.first_line, r"^listening on http://127\.0\.0\.1:\d+$")

            async def connect_and_stop():
                s = await RawSocket.open(server.url)
                await s.connect(mint("t", "alice"))
                started = time.monotonic()
                server.process.send_signal(signum)
                closed = await s.until(lambda f: False, timeout=10)
                await s.close()
                return closed, time.monotonic() - started

            closed, seconds = asyncio.run(connect_and_stop())
            self.assertIsNone(closed)
            self.assertEqual(0, server.process.wait(timeout=10), signum)
            self.assertLess(seconds, 8)
            server.stop()


if __name__ == "__main__":
    unittest.main()
