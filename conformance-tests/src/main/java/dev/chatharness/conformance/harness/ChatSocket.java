package dev.chatharness.conformance.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.chatharness.conformance.schema.PayloadSchemas;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.json.JSONObject;

/**
 * One Socket.IO connection of a test user. Every event the server sends lands in a
 * {@link BlockingQueue} and is validated against its schema on arrival; tests wait for what they
 * expect with a timeout, and prove that something did not arrive by waiting for a later sentinel
 * on the same path (events on one socket arrive in order), never by sleeping.
 *
 * <pre>{@code
 * ChatSocket bob = target.connect(tenants.a().user(1));
 * bob.ok("join-conversation", Json.object("conversationId", id));
 * JsonNode message = bob.await("message", m -> m.path("body").asText().equals("hi"), "the message 'hi'");
 * }</pre>
 *
 * Only the test thread reads {@link #history}; the client's event thread only offers to {@link #inbox}.
 */
public final class ChatSocket implements AutoCloseable {

    /** Schema of each server-to-client event (contract sections 5 and 6). */
    static final Map<String, String> EVENT_SCHEMAS = Map.ofEntries(
            Map.entry("message", "message.json"),
            Map.entry("typing", "typing.json"),
            Map.entry("message-read", "receipt.json"),
            Map.entry("message-edited", "message.json"),
            Map.entry("message-deleted", "deletion.json"),
            Map.entry("presence-update", "presence.json"),
            Map.entry("conversation-created", "conversation.json"),
            Map.entry("conversation-updated", "conversation.json"),
            Map.entry("participant-added", "participant-change.json"),
            Map.entry("participant-removed", "participant-change.json"),
            Map.entry("user-online", "user-status-change.json"),
            Map.entry("user-offline", "user-status-change.json"),
            Map.entry("error", "error-event.json"));

    private final String label;
    private final Socket socket;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final boolean backOffWhenRateLimited;
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final List<Received> history = new ArrayList<>();
    private final CompletableFuture<ConnectOutcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<String> disconnected = new CompletableFuture<>();

    ChatSocket(URI target, String path, String namespace, ConnectOptions options, OkHttpClient http, Duration timeout,
               Duration connectTimeout, boolean backOffWhenRateLimited) {
        this.backOffWhenRateLimited = backOffWhenRateLimited;
        this.label = options.label;
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
        IO.Options io = new IO.Options();
        io.forceNew = true;
        io.multiplex = false;
        io.reconnection = false;
        io.path = path;
        io.transports = options.transports.toArray(String[]::new);
        io.upgrade = options.upgrade;
        io.timeout = connectTimeout.toMillis();
        io.callFactory = http;
        io.webSocketFactory = http;
        io.extraHeaders = new java.util.HashMap<>(options.headers);
        switch (options.placement) {
            case AUTH_PAYLOAD -> {
                Map<String, String> auth = new java.util.LinkedHashMap<>(options.authExtras);
                auth.put("token", options.token);
                io.auth = auth;
            }
            case AUTHORIZATION_HEADER -> io.extraHeaders.put("Authorization", List.of("Bearer " + options.token));
            case QUERY_STRING -> io.query = "token=" + options.token;
            case NONE -> { }
        }
        URI uri = URI.create(target.toString() + ("/".equals(namespace) ? "" : namespace));
        this.socket = IO.socket(uri, io);
        socket.on(Socket.EVENT_CONNECT, args -> outcome.complete(ConnectOutcome.connected()));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> outcome.complete(refusal(args)));
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(args.length > 0 ? String.valueOf(args[0]) : ""));
        socket.onAnyIncoming(args -> {
            String event = String.valueOf(args[0]);
            JsonNode payload = args.length > 1 ? Json.fromSocketArg(args[1]) : MissingNode.getInstance();
            String schema = EVENT_SCHEMAS.get(event);
            List<String> errors = schema == null ? List.of() : PayloadSchemas.bundled().errors(schema, payload);
            inbox.add(new Received(event, payload, errors));
        });
        socket.connect();
    }

    private static ConnectOutcome refusal(Object[] args) {
        Object arg = args.length > 0 ? args[0] : null;
        if (arg instanceof JSONObject) {
            // A CONNECT_ERROR packet from the server, as opposed to a transport failure (an Exception).
            return new ConnectOutcome(ConnectOutcome.Kind.REFUSED, Json.fromSocketArg(arg), "CONNECT_ERROR");
        }
        String detail = arg instanceof Throwable t ? t.getMessage() + (t.getCause() != null ? " (" + t.getCause() + ")" : "")
                : String.valueOf(arg);
        return new ConnectOutcome(ConnectOutcome.Kind.TRANSPORT_ERROR, MissingNode.getInstance(), detail);
    }

    /** Waits for the handshake to end one way or the other. */
    public ConnectOutcome outcome() {
        try {
            return outcome.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new ConnectOutcome(ConnectOutcome.Kind.TIMEOUT, MissingNode.getInstance(),
                    "neither connect nor connect_error within " + connectTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public String label() {
        return label;
    }

    public boolean connected() {
        return socket.connected();
    }

    /** The Engine.IO transport in use ("polling" or "websocket"); "" before the connection opens. */
    public String transport() {
        try {
            // The client keeps its Engine.IO socket and transport package-private; reading them is a test's privilege.
            java.lang.reflect.Field engineField = io.socket.client.Manager.class.getDeclaredField("engine");
            engineField.setAccessible(true);
            Object engine = engineField.get(socket.io());
            if (engine == null) {
                return "";
            }
            java.lang.reflect.Field transportField = io.socket.engineio.client.Socket.class.getDeclaredField("transport");
            transportField.setAccessible(true);
            Object transport = transportField.get(engine);
            return transport == null ? "" : ((io.socket.engineio.client.Transport) transport).name;
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    /** Emits with an ack callback and waits for the answer, validated against {@code ack-<event>.json}. */
    public JsonNode ack(String event, JsonNode payload) {
        return await(emitAsync(event, payload), "the ack of " + event + " " + Json.brief(payload));
    }

    /** Emits with an ack callback and does not wait: for bursts. The future's value is validated like {@link #ack}. */
    public CompletableFuture<JsonNode> emitAsync(String event, JsonNode payload) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        socket.emit(event, new Object[] {Json.toSocketArg(payload)}, args ->
                answer.complete(args.length > 0 ? Json.fromSocketArg(args[0]) : MissingNode.getInstance()));
        return answer.thenApply(ack -> PayloadSchemas.bundled().require("ack-" + event + ".json", ack));
    }

    /** Emits with an ack and expects {@code ok:true}; returns {@code data}. */
    public JsonNode ok(String event, JsonNode payload) {
        JsonNode ack = RateLimitBackoff.retry(backOffWhenRateLimited, () -> ack(event, payload),
                answer -> "rate_limited".equals(answer.path("error").path("code").asText())
                        ? answer.path("error").path("retryAfterMs").asLong(100) : -1);
        if (!ack.path("ok").asBoolean(false)) {
            throw new AssertionError("expected ok ack for " + event + " " + Json.brief(payload) + " from " + label
                    + ", got " + Json.brief(ack));
        }
        return ack.path("data");
    }

    /** Emits with an ack and expects {@code ok:false}; returns {@code error}. */
    public JsonNode error(String event, JsonNode payload) {
        JsonNode ack = ack(event, payload);
        if (ack.path("ok").asBoolean(true)) {
            throw new AssertionError("expected an error ack for " + event + " " + Json.brief(payload) + " from " + label
                    + ", got " + Json.brief(ack));
        }
        return ack.path("error");
    }

    /** Emits without an ack callback. */
    public void emit(String event, JsonNode payload) {
        socket.emit(event, Json.toSocketArg(payload));
    }

    /** Emits raw arguments (for malformed-payload tests), with an ack callback. */
    public CompletableFuture<JsonNode> emitRawAsync(String event, Object... args) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        socket.emit(event, args, ackArgs -> answer.complete(ackArgs.length > 0 ? Json.fromSocketArg(ackArgs[0])
                : MissingNode.getInstance()));
        return answer;
    }

    /** Waits for the first {@code event} (seen before or arriving now) whose payload matches. */
    public JsonNode await(String event, Predicate<JsonNode> match, String what) {
        return await(event, match, what, timeout);
    }

    public JsonNode await(String event, Predicate<JsonNode> match, String what, Duration within) {
        drain();
        for (Received r : history) {
            if (r.event().equals(event) && match.test(r.payload())) {
                return checked(r);
            }
        }
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Received r = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                if (r == null) {
                    throw new AssertionError("expected " + what + " on " + label + " within " + within.toMillis()
                            + " ms; saw " + describeHistory());
                }
                history.add(r);
                if (r.event().equals(event) && match.test(r.payload())) {
                    return checked(r);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code event} received so far whose payload matches, in arrival order; {@code null} means any event. */
    public List<JsonNode> received(String event, Predicate<JsonNode> match) {
        drain();
        return history.stream().filter(r -> (event == null || r.event().equals(event)) && match.test(r.payload()))
                .map(this::checked).collect(Collectors.toList());
    }

    public List<JsonNode> received(String event) {
        return received(event, p -> true);
    }

    /**
     * Asserts that no matching {@code event} arrives for the whole of {@code window}: for an absence that no fence
     * can order, such as an event a server might send after closing another connection of the same user (the close
     * travels on that connection, not on any this client could send a fence on).
     */
    public void assertNone(String event, Predicate<JsonNode> match, String what, Duration window) {
        try {
            Awaitility.await(what).pollInSameThread().during(window).atMost(window.plusMillis(500))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> received(event, match).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected " + what + " on " + label + " for " + window.toMillis() + " ms; got "
                    + received(event, match) + "; saw " + describeHistory());
        }
    }

    /** Waits for the server to close this connection; returns the reason the client saw. */
    public String awaitDisconnect(Duration within) {
        try {
            return disconnected.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(label + " was still connected " + within.toMillis() + " ms later; saw "
                    + describeHistory());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** True once the connection has been closed (by either side). */
    public boolean isDisconnected() {
        return disconnected.isDone();
    }

    /** Payloads that broke their schema: checked by the harness after every test. */
    List<Received> schemaViolations() {
        drain();
        return history.stream().filter(r -> !r.schemaErrors().isEmpty()).collect(Collectors.toList());
    }

    /** Everything received so far, for failure messages. */
    public String describeHistory() {
        drain();
        if (history.isEmpty()) {
            return "no events";
        }
        String all = history.stream().map(Received::toString).collect(Collectors.joining(", "));
        return all.length() <= 600 ? "[" + all + "]" : "[" + all.substring(0, 600) + "...]";
    }

    private JsonNode checked(Received r) {
        if (!r.schemaErrors().isEmpty()) {
            throw new AssertionError("the " + r.event() + " event on " + label + " breaks "
                    + EVENT_SCHEMAS.get(r.event()) + ": " + String.join("; ", r.schemaErrors()) + " -- saw "
                    + Json.brief(r.payload()));
        }
        return r.payload();
    }

    private void drain() {
        inbox.drainTo(history);
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("expected " + what + " on " + label + " within " + timeout.toMillis() + " ms"
                    + (socket.connected() ? "" : " (the socket is disconnected)") + "; saw " + describeHistory());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for the ack future of {@link #emitAsync} with this socket's timeout. */
    public JsonNode join(CompletableFuture<JsonNode> ack, String what) {
        return await(ack, what);
    }

    @Override
    public void close() {
        socket.off();
        socket.disconnect();
        socket.close();
    }

    @Override
    public String toString() {
        return label;
    }
}
