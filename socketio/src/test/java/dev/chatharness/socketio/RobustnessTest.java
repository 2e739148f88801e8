package dev.chatharness.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatharness.socketio.engine.SessionState;
import dev.chatharness.socketio.testing.RawHttp;
import dev.chatharness.socketio.testing.RawWebSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed input costs the offending session only: it is closed, or the request answered 400 with the reference
 * engine.io's JSON error, never 500; a bystander client connected meanwhile keeps getting its echoes.
 */
@DisplayName("Robustness against malformed input")
class RobustnessTest {
    private static final int MAX_PAYLOAD = 100_000;

    private TestServer server;
    private RawHttp http;
    private RawWebSocket bystander;
    private String bystanderSid;
    private final BlockingQueue<String> reasons = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        server = TestServer.start(SocketIoOptions.builder()
                .pingInterval(Duration.ofSeconds(20))
                .pingTimeout(Duration.ofSeconds(20))
                .maxPayload(MAX_PAYLOAD)
                .requestFilter(request -> !request.query().containsKey("refuse-me"))
                .build(), io -> io.defaultNamespace().onConnection(socket -> {
                    socket.on("message", (s, args, ack) -> s.emit("message-back", args.toArray()));
                    socket.on("explode", (s, args, ack) -> {
                        throw new IllegalStateException("listener bug");
                    });
                    socket.onDisconnect((s, reason) -> reasons.add(reason));
                }));
        http = new RawHttp(server.url() + "/socket.io/");
        bystander = RawWebSocket.connect(wsUrl(""), true);
        String open = bystander.nextText();
        bystanderSid = http.json(open.substring(1)).get("sid").asText();
        bystander.send("40");
        assertThat(bystander.nextText()).startsWith("40{");
    }

    @AfterEach
    void stop() {
        bystander.close();
        server.close();
    }

    private RawWebSocket connectedWebSocket() {
        RawWebSocket socket = RawWebSocket.connect(wsUrl(""), true);
        assertThat(socket.nextText()).startsWith("0{");
        socket.send("40");
        assertThat(socket.nextText()).startsWith("40{");
        return socket;
    }

    private String wsUrl(String extraQuery) {
        return "ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket" + extraQuery;
    }

    /** A polling session connected to "/" (its 40 drained). */
    private String connectedPollingSession() {
        String sid = http.handshake();
        assertThat(http.post(q(sid), "40").body()).isEqualTo("ok");
        assertThat(http.get(q(sid)).body()).startsWith("40{");
        return sid;
    }

    private static String q(String sid) {
        return "EIO=4&transport=polling&sid=" + sid;
    }

    private void assertBystanderStillEchoes() {
        bystander.send("42[\"message\",\"still here\"]");
        assertThat(bystander.nextText()).isEqualTo("42[\"message-back\",\"still here\"]");
    }

    private static void assertError(RawHttp.Response response, int status, int code, String message) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.json().get("code").asInt()).isEqualTo(code);
        assertThat(response.json().get("message").asText()).isEqualTo(message);
    }

    // ------------------------------------------------------------------ WebSocket

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"9abc", "", "4", "42[\"message\",", "42{}", "48[\"x\"]", "42[\"connect\"]",
            "43[1]", "451-[\"message\",{\"_placeholder\":true,\"num\":5}]", "4x-[\"message\"]"})
    void a_malformed_websocket_packet_closes_only_that_connection(String frame) {
        try (RawWebSocket offender = connectedWebSocket()) {
            if (frame.startsWith("451-")) {
                offender.send(frame);
                offender.send(new byte[] {1});
            } else {
                offender.send(frame);
            }
            offender.awaitClose();
        }
        if (!frame.equals("4")) {
            assertThat(pollReason()).isIn("parse error", "transport close");
        }
        assertBystanderStillEchoes();
    }

    @Test
    void binary_data_nobody_announced_closes_the_connection_with_parse_error() {
        try (RawWebSocket offender = connectedWebSocket()) {
            offender.send(new byte[] {1, 2, 3});
            offender.awaitClose();
        }
        assertThat(pollReason()).isEqualTo("parse error");
        assertBystanderStillEchoes();
    }

    @Test
    void text_while_attachments_are_expected_closes_the_connection_with_parse_error() {
        try (RawWebSocket offender = connectedWebSocket()) {
            offender.send("451-[\"message\",{\"_placeholder\":true,\"num\":0}]");
            offender.send("42[\"message\",\"too early\"]");
            offender.awaitClose();
        }
        assertThat(pollReason()).isEqualTo("parse error");
        assertBystanderStillEchoes();
    }

    @Test
    void a_websocket_message_over_max_payload_closes_only_that_connection() {
        try (RawWebSocket offender = connectedWebSocket()) {
            char[] big = new char[MAX_PAYLOAD + 10];
            Arrays.fill(big, 'a');
            offender.sendOversized("42[\"message\",\"" + new String(big) + "\"]");
            offender.awaitClose();
        }
        assertThat(pollReason()).isIn("transport error", "transport close");
        assertBystanderStillEchoes();
    }

    @Test
    void a_message_just_under_max_payload_is_delivered() {
        char[] big = new char[MAX_PAYLOAD - 100];
        Arrays.fill(big, 'b');
        String text = new String(big);
        bystander.send("42[\"message\",\"" + text + "\"]");
        assertThat(bystander.nextText()).isEqualTo("42[\"message-back\",\"" + text + "\"]");
    }

    @Test
    void a_throwing_listener_costs_neither_the_connection_nor_other_clients() {
        bystander.send("42[\"explode\"]");
        assertBystanderStillEchoes();
        assertThat(reasons).isEmpty();
    }

    @Test
    void an_event_for_a_namespace_the_client_did_not_join_closes_only_that_connection() {
        try (RawWebSocket offender = connectedWebSocket()) {
            offender.send("42/other,[\"message\",\"lost\"]");
            assertThat(offender.awaitClose()).isEqualTo(1005); // a close frame without status, as socket.io's ws
        }
        assertThat(pollReason()).isEqualTo("forced server close");
        assertBystanderStillEchoes();
    }

    @Test
    void a_websocket_upgrade_with_an_unknown_sid_is_refused_with_400() {
        assertThat(RawWebSocket.refusedStatus(wsUrl("&sid=unknown"))).isEqualTo(400);
        assertBystanderStillEchoes();
    }

    @Test
    void a_request_filter_refusal_answers_403_on_both_transports() {
        assertError(http.get("EIO=4&transport=polling&refuse-me=1"), 403, 4, "Forbidden");
        assertThat(RawWebSocket.refusedStatus(wsUrl("&refuse-me=1"))).isEqualTo(403);
        assertThat(server.io.sessionCount()).isEqualTo(1);
        assertBystanderStillEchoes();
    }

    // ------------------------------------------------------------------ HTTP long-polling

    /** As engine.io: the POST is answered "ok", the session is closed ("parse error"), its next poll gets 400. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x", "", "4hello\u001e", "\u001e", "b!!!notbase64", "9"})
    void a_malformed_polling_payload_closes_that_session(String body) {
        String sid = connectedPollingSession();
        RawHttp.Response post = http.post(q(sid), body);
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("ok");
        assertThat(pollReason()).isEqualTo("parse error");
        assertError(http.get(q(sid)), 400, 1, "Session ID unknown");
        assertBystanderStillEchoes();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"42[\"message\",", "42{}", "48", "4\u001e42[\"message\",1]"})
    void a_malformed_socket_io_packet_over_polling_closes_that_session(String body) {
        String sid = connectedPollingSession();
        CompletableFuture<RawHttp.Response> pending = http.getAsync(q(sid));
        assertThat(http.post(q(sid), body).body()).isEqualTo("ok");
        RawHttp.Response closed = pending.join();
        assertThat(closed.status()).isEqualTo(200);
        // The close packet: alone if the poll reached the server before the POST, after a noop if after it.
        assertThat(closed.body()).isIn("1", "6\u001e1");
        assertThat(pollReason()).isEqualTo("parse error");
        assertError(http.get(q(sid)), 400, 1, "Session ID unknown");
        assertBystanderStillEchoes();
    }

    /** As engine.io: the POST is refused with 413 and its packets dropped; the session goes on. */
    @Test
    void a_polling_post_over_max_payload_answers_413_and_the_session_goes_on() {
        String sid = connectedPollingSession();
        http.postOversized(q(sid), "4" + "a".repeat(MAX_PAYLOAD)).ifPresent(response -> {
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.json().get("code").asInt()).isEqualTo(3);
        });
        assertThat(http.post(q(sid), "42[\"message\",\"small\"]").body()).isEqualTo("ok");
        assertThat(http.get(q(sid)).body()).isEqualTo("42[\"message-back\",\"small\"]");
        assertBystanderStillEchoes();
    }

    @Test
    void an_unknown_sid_answers_400_session_id_unknown() {
        assertError(http.get(q("nope")), 400, 1, "Session ID unknown");
        assertError(http.post(q("nope"), "40"), 400, 1, "Session ID unknown");
        assertBystanderStillEchoes();
    }

    @Test
    void a_duplicate_concurrent_poll_answers_400_and_closes_that_session() {
        String sid = connectedPollingSession();
        CompletableFuture<RawHttp.Response> first = http.getAsync(q(sid));
        await().atMost(Duration.ofSeconds(10)).until(() -> SessionState.waitingPoll(server.io.engine(), sid));
        assertError(http.get(q(sid)), 400, 3, "Bad request");
        assertThat(first.join().body()).isEqualTo("1");
        assertThat(pollReason()).isEqualTo("transport error");
        assertError(http.get(q(sid)), 400, 1, "Session ID unknown");
        assertBystanderStillEchoes();
    }

    @Test
    void bad_handshakes_answer_400_with_the_reference_codes() {
        assertError(http.post("EIO=4&transport=polling", "40"), 400, 2, "Bad handshake method");
        assertError(http.method("PUT", "EIO=4&transport=polling"), 400, 2, "Bad handshake method");
        assertError(http.get("transport=polling"), 400, 5, "Unsupported protocol version");
        assertError(http.get("EIO=3&transport=polling"), 400, 5, "Unsupported protocol version");
        assertError(http.get("EIO=4"), 400, 0, "Transport unknown");
        assertError(http.get("EIO=4&transport=flash"), 400, 0, "Transport unknown");
        assertError(http.get("EIO=4&transport=websocket"), 400, 3, "Bad request");
        assertThat(server.io.sessionCount()).isEqualTo(1);
        assertBystanderStillEchoes();
    }

    @Test
    void polling_requests_on_a_websocket_session_are_refused() {
        String sid = bystanderSid;
        assertError(http.get(q(sid)), 400, 3, "Bad request");
        assertError(http.post(q(sid), "41"), 400, 3, "Bad request");
        assertBystanderStillEchoes();
    }

    @Test
    void permessage_deflate_is_not_negotiated_by_default() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            raw.setSoTimeout(10_000);
            OutputStream out = raw.getOutputStream();
            out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(raw.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> headers = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headers.add(line.toLowerCase());
            }
            assertThat(headers.get(0)).contains("101");
            assertThat(headers).noneMatch(h -> h.startsWith("sec-websocket-extensions"));
        }
    }

    private String pollReason() {
        try {
            String reason = reasons.poll(10, TimeUnit.SECONDS);
            assertThat(reason).as("server-side disconnect reason").isNotNull();
            return reason;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
