package dev.chatharness.conformance.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.conformance.harness.RawEngineSocket;
import dev.chatharness.conformance.harness.TargetHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sends hostile cases to a target and says what went wrong with each; knows nothing of JUnit, so it can be aimed
 * at any URL.
 *
 * <pre>{@code
 * HostileRunner runner = new HostileRunner(target.http(), attackerToken, Duration.ofSeconds(5));
 * for (HostileCase c : HostileCorpus.load(conversationId).get("events.jsonl")) {
 *     List<String> problems = runner.run(c); // empty: the target coped
 * }
 * }</pre>
 *
 * What counts as coping, for every case: no HTTP status of 500 or more; no answer (body, ack, error event) with the
 * code {@code internal} or a stack trace, exception name or class name in it; no connection left hanging (the
 * server either answers a follow-up on the same connection or closes it). For a well-formed event with an ack id
 * ({@code expectAck}): an ack is due, ok or with a contract error code, and the connection must stay open.
 */
public final class HostileRunner {
    /** Ack id of the follow-up event that shows the connection still works after a case. */
    static final long SENTINEL_ACK = 777_777;
    private static final String SENTINEL = "42" + SENTINEL_ACK + "[\"leave-conversation\",{\"conversationId\":\"hostile-sentinel\"}]";
    private static final Set<String> CONTRACT_CODES = Set.of("invalid_payload", "not_found", "forbidden", "rate_limited",
            "token_expired");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TargetHttp http;
    private final String attackerToken;
    private final Duration timeout;
    /** Whether the case being run got as far as sending its input (see {@link #lastCaseReachedTheTarget()}). */
    private boolean delivered;

    /**
     * @param attackerToken a valid token of a user who takes part in the corpus's {@code ${conversationId}}
     * @param timeout       how long to wait for each answer
     */
    public HostileRunner(TargetHttp http, String attackerToken, Duration timeout) {
        this.http = http;
        this.attackerToken = attackerToken;
        this.timeout = timeout;
    }

    /** Sends one case; returns what the target got wrong (empty when it coped). */
    public List<String> run(HostileCase c) {
        delivered = false;
        List<String> problems = new ArrayList<>();
        try {
            switch (c.channel()) {
                case WS_TEXT, WS_BINARY -> overConnectedWebSocket(c, problems);
                case WS_PRECONNECT -> beforeConnect(c, problems);
                case POLLING_POST -> overPolling(c, problems);
                case HTTP -> overHttp(c, problems);
            }
        } catch (IOException e) {
            problems.add("I/O failure talking to the target: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted");
        }
        return problems;
    }

    /**
     * Whether the last case's input was sent. A case that failed before sending anything (no Engine.IO open packet,
     * nothing listening) met a target that was already gone: what killed it was sent earlier.
     */
    public boolean lastCaseReachedTheTarget() {
        return delivered;
    }

    // ------------------------------------------------------------------ WebSocket

    private URI wsUri() {
        return http.engineWebSocket("EIO=4&transport=websocket");
    }

    private RawEngineSocket openEngine() {
        RawEngineSocket s = RawEngineSocket.open(http, wsUri(), timeout);
        String open = s.next(timeout);
        if (open == null || !open.startsWith("0{")) {
            s.close();
            throw new AssertionError("the target did not send the Engine.IO open packet, got " + open);
        }
        return s;
    }

    private String connectFrame() {
        return "40" + JSON.createObjectNode().put("token", attackerToken);
    }

    private void overConnectedWebSocket(HostileCase c, List<String> problems) {
        try (RawEngineSocket s = openEngine()) {
            s.send(connectFrame());
            String connected = s.until(f -> f.startsWith("40") || f.startsWith("44"), timeout);
            if (connected == null || !connected.startsWith("40")) {
                throw new AssertionError("the attacker's own valid connection was refused: " + connected);
            }
            delivered = true;
            boolean sent = c.channel() == HostileCase.Channel.WS_BINARY ? s.sendBinary(c.payloadBytes())
                    : s.send(c.text().orElse(""));
            Duration wait = generousFor(c);
            if (c.expectAck().isPresent()) {
                String prefix = "43" + c.expectAck().get() + "[";
                String ack = s.until(f -> f.startsWith(prefix), wait);
                if (ack == null || RawEngineSocket.CLOSED.equals(ack)) {
                    problems.add("a well-formed event with ack id " + c.expectAck().get() + " got no ack ("
                            + (ack == null ? "nothing within " + wait.toMillis() + " ms" : "the connection was closed")
                            + "); a bad payload must be answered and never drop the connection");
                } else {
                    checkAck(ack.substring(prefix.length() - 1), problems);
                }
            }
            if (sent || c.expectAck().isPresent()) {
                s.send(SENTINEL);
            }
            String after = s.until(f -> f.startsWith("43" + SENTINEL_ACK + "["), wait);
            if (after == null) {
                problems.add("the connection hangs: no answer to a follow-up event and no close within " + wait.toMillis() + " ms");
            } else if (RawEngineSocket.CLOSED.equals(after) && c.expectAck().isPresent()) {
                problems.add("the connection was closed after a well-formed event with a bad payload");
            }
            checkFrames(s.seen(), problems);
        }
    }

    private void beforeConnect(HostileCase c, List<String> problems) {
        try (RawEngineSocket s = openEngine()) {
            delivered = true;
            s.send(c.text().orElse(""));
            s.send(connectFrame());
            Duration wait = generousFor(c);
            String after = s.until(f -> f.startsWith("40{") || f.startsWith("40"), wait);
            if (after == null) {
                problems.add("the connection hangs: no answer to a valid CONNECT and no close within " + wait.toMillis() + " ms");
            }
            checkFrames(s.seen(), problems);
        }
    }

    private void checkAck(String arrayText, List<String> problems) {
        JsonNode ack;
        try {
            ack = JSON.readTree(arrayText).path(0);
        } catch (IOException e) {
            problems.add("the ack is not JSON: " + brief(arrayText));
            return;
        }
        if (ack.path("ok").asBoolean(false)) {
            return; // accepted: allowed when the input was, after all, valid
        }
        String code = ack.path("error").path("code").asText("");
        if (!CONTRACT_CODES.contains(code)) {
            problems.add("the error ack's code is '" + code + "', not a contract code for a client mistake: " + brief(arrayText));
        }
    }

    private static void checkFrames(List<String> frames, List<String> problems) {
        for (String frame : frames) {
            checkText("a frame", frame, problems);
        }
    }

    // ------------------------------------------------------------------ HTTP long-polling

    private void overPolling(HostileCase c, List<String> problems) throws IOException, InterruptedException {
        URI path = http.engine("EIO=4&transport=polling");
        HttpResponse<String> open = send("GET", path, null, null, Optional.empty(), null);
        if (open.statusCode() != 200 || !open.body().startsWith("0{")) {
            throw new AssertionError("the polling handshake failed: " + open.statusCode() + " " + brief(open.body()));
        }
        String sid = JSON.readTree(open.body().substring(1)).path("sid").asText();
        URI session = URI.create(path + "&sid=" + sid);
        send("POST", session, connectFrame().getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8",
                Optional.empty(), null);
        HttpResponse<String> connected = send("GET", session, null, null, Optional.empty(), null);
        if (!connected.body().contains("40{")) {
            throw new AssertionError("the attacker's own polling connection was refused: " + brief(connected.body()));
        }
        delivered = true;
        checkResponse(refusedOrAnswered("POST", session, c.payloadBytes(),
                c.contentType().orElse("text/plain;charset=UTF-8"), Optional.empty(), c), problems);
        HttpResponse<String> sentinel = send("POST", session, SENTINEL.getBytes(StandardCharsets.UTF_8),
                "text/plain;charset=UTF-8", Optional.empty(), null);
        checkResponse(sentinel, problems);
        long deadline = System.nanoTime() + generousFor(c).toNanos();
        while (sentinel.statusCode() == 200 && System.nanoTime() < deadline) {
            HttpResponse<String> poll = send("GET", session, null, null, Optional.empty(), null);
            checkResponse(poll, problems);
            if (poll.statusCode() != 200 || poll.body().contains("43" + SENTINEL_ACK + "[") || poll.body().startsWith("1")
                    || poll.body().contains("\u001e1")) {
                break; // answered, or the session is gone: either way not hanging
            }
        }
        send("POST", session, "1".getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8", Optional.empty(), null);
    }

    // ------------------------------------------------------------------ plain HTTP

    private void overHttp(HostileCase c, List<String> problems) throws IOException, InterruptedException {
        byte[] body = c.text().isPresent() || c.bytes().isPresent() ? c.payloadBytes() : null;
        delivered = true;
        checkResponse(refusedOrAnswered(c.method(), http.rest(c.path()), body, c.contentType().orElse(null),
                c.auth() ? Optional.of(attackerToken) : Optional.empty(), c), problems);
    }

    /**
     * The answer to a hostile request, or null when the server closed the connection instead of answering: closing is
     * a way to refuse (what matters is that it answers the next request and keeps its healthy clients). A reused
     * connection that the server had already closed after the previous case is retried once on a fresh one.
     */
    private HttpResponse<String> refusedOrAnswered(String method, URI path, byte[] body, String contentType,
                                                   Optional<String> token, HostileCase c) throws InterruptedException {
        try {
            return send(method, path, body, contentType, token, c);
        } catch (IOException first) {
            try {
                return send(method, path, body, contentType, token, c);
            } catch (IOException closed) {
                return null;
            }
        }
    }

    /** {@code c} (may be null) adds the case's headers and a longer time-out for big inputs. */
    private HttpResponse<String> send(String method, URI uri, byte[] body, String contentType,
                                      Optional<String> token, HostileCase c)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = http.request(uri)
                .timeout(c == null ? timeout : generousFor(c))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        if (c != null) {
            c.headers().forEach(request::header);
        }
        try {
            return http.client().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (c != null && body != null && body.length > 1_000_000) {
                // the server may reset an oversize upload before reading it all: a refusal, not a crash
                return null;
            }
            if (c == null) {
                // A follow-up after a hostile request: servers (Node's HTTP parser, engine.io after a 413) may close
                // the connection right after refusing one, and the pool can hand this request that dead connection.
                // Once more, on a fresh one; a target that is really gone fails again, and the crash check takes over.
                return http.client().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            throw e;
        }
    }

    private static void checkResponse(HttpResponse<String> response, List<String> problems) {
        if (response == null) {
            return;
        }
        if (response.statusCode() >= 500) {
            problems.add("answered HTTP " + response.statusCode() + " to a client mistake: " + brief(response.body()));
        }
        checkText("the HTTP answer", response.body(), problems);
    }

    private static void checkText(String what, String text, List<String> problems) {
        LeakDetector.find(text).ifPresent(leak ->
                problems.add(what + " leaks implementation details ('" + leak + "'): " + brief(text)));
        if (text != null && text.matches("(?s).*\"code\"\\s*:\\s*\"internal\".*")) {
            problems.add(what + " reports an internal error for a client mistake: " + brief(text));
        }
    }

    /** Big generated inputs take the server (and this client) longer. */
    private Duration generousFor(HostileCase c) {
        int size = c.text().map(String::length).orElseGet(() -> c.bytes().map(b -> b.length).orElse(0));
        return size > 100_000 ? timeout.multipliedBy(3) : timeout;
    }

    static String brief(String text) {
        if (text == null) {
            return "null";
        }
        String flat = text.replace("\u001e", "<RS>");
        return flat.length() > 300 ? flat.substring(0, 300) + "... (" + flat.length() + " chars)" : flat;
    }
}
