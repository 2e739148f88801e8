package dev.chatharness.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONArray;
import org.json.JSONObject;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Java Socket.IO client ({@code io.socket:socket.io-client} 2.x) wrapped for tests: every incoming
 * event lands in a per-event {@link BlockingQueue}; acks are awaited with a timeout.
 */
public final class ChatClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final Duration WAIT = Duration.ofSeconds(15); // generous: CI machines are shared and slow

    private final Socket socket;
    private final Map<String, BlockingQueue<JsonNode>> events = new ConcurrentHashMap<>();
    private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

    private ChatClient(Socket socket) {
        this.socket = socket;
        socket.onAnyIncoming(args -> queue((String) args[0]).add(args.length > 1 ? toJson(args[1]) : NullNode.getInstance()));
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnects.add(args.length > 0 ? String.valueOf(args[0]) : ""));
    }

    /** Options for {@link #connect} and {@link #refusal}. */
    public record Options(Transport transport, String authToken, String headerToken, String queryToken, String origin) {
        public static Options token(String token) {
            return new Options(Transport.WEBSOCKET, token, null, null, null);
        }

        public Options over(Transport t) {
            return new Options(t, authToken, headerToken, queryToken, origin);
        }

        public Options origin(String o) {
            return new Options(transport, authToken, headerToken, queryToken, o);
        }
    }

    public static ChatClient connect(String baseUrl, String token) {
        return connect(baseUrl, Options.token(token));
    }

    public static ChatClient connect(String baseUrl, String token, Transport transport) {
        return connect(baseUrl, Options.token(token).over(transport));
    }

    /** Connects and waits for CONNECT; fails the test on CONNECT_ERROR. */
    public static ChatClient connect(String baseUrl, Options options) {
        Socket socket = IO.socket(URI.create(baseUrl), ioOptions(options));
        ChatClient client = new ChatClient(socket);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> outcome.complete("connected"));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> outcome.completeExceptionally(
                new AssertionError("connect_error: " + (args.length > 0 ? args[0] : ""))));
        socket.connect();
        await(outcome, "connect");
        return client;
    }

    /** Tries to connect and returns the CONNECT_ERROR payload; fails the test if the connection is accepted. */
    public static JsonNode refusal(String baseUrl, Options options) {
        Socket socket = IO.socket(URI.create(baseUrl), ioOptions(options));
        CompletableFuture<JsonNode> outcome = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> outcome.completeExceptionally(new AssertionError("connection was accepted")));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> outcome.complete(args.length > 0 ? toJson(args[0]) : NullNode.getInstance()));
        socket.connect();
        try {
            return await(outcome, "connect_error");
        } finally {
            socket.close();
        }
    }

    private static IO.Options ioOptions(Options o) {
        var b = IO.Options.builder().setForceNew(true).setReconnection(false).setTransports(o.transport().names)
                .setUpgrade(o.transport() == Transport.POLLING_THEN_UPGRADE);
        if (o.authToken() != null) {
            b.setAuth(Map.of("token", o.authToken()));
        }
        Map<String, List<String>> headers = new ConcurrentHashMap<>();
        if (o.headerToken() != null) {
            headers.put("Authorization", List.of("Bearer " + o.headerToken()));
        }
        if (o.origin() != null) {
            headers.put("Origin", List.of(o.origin()));
        }
        if (!headers.isEmpty()) {
            b.setExtraHeaders(headers);
        }
        if (o.queryToken() != null) {
            b.setQuery("token=" + o.queryToken());
        }
        return b.build();
    }

    /** Emits with an ack callback and returns the ack's first argument. */
    public JsonNode ack(String event, Object payload) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        socket.emit(event, new Object[] {toWire(payload)}, (Ack) args -> reply.complete(args.length > 0 ? toJson(args[0]) : NullNode.getInstance()));
        return await(reply, "ack of " + event);
    }

    /** Emits with an ack callback and returns the ack's {@code data}, failing unless {@code ok} is true. */
    public JsonNode ok(String event, Object payload) {
        JsonNode reply = ack(event, payload);
        assertThat(reply.path("ok").asBoolean(false)).as("ack of %s: %s", event, reply).isTrue();
        return reply.get("data");
    }

    /** Emits with an ack, expecting {@code ok:false} with {@code code}; returns the error object. */
    public JsonNode failure(String event, Object payload, String code) {
        JsonNode reply = ack(event, payload);
        assertThat(reply.path("ok").isBoolean() && !reply.path("ok").booleanValue()).as("ack of %s: %s", event, reply).isTrue();
        assertThat(reply.path("error").path("code").asText()).as("ack of %s: %s", event, reply).isEqualTo(code);
        return reply.get("error");
    }

    /** Emits without ack. {@code args} may be empty or hold several raw arguments. */
    public void emit(String event, Object... args) {
        Object[] wire = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            wire[i] = toWire(args[i]);
        }
        socket.emit(event, wire);
    }

    /** Emits raw arguments with an ack and returns the ack reply. */
    public JsonNode ackRaw(String event, Object... args) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        Object[] wire = new Object[args.length + 1];
        for (int i = 0; i < args.length; i++) {
            wire[i] = toWire(args[i]);
        }
        wire[args.length] = (Ack) a -> reply.complete(a.length > 0 ? toJson(a[0]) : NullNode.getInstance());
        socket.emit(event, wire);
        return await(reply, "ack of " + event);
    }

    /** The next {@code event} received, waiting up to {@link #WAIT}; fails if none comes. */
    public JsonNode next(String event) {
        try {
            JsonNode value = queue(event).poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(value).as("expected a '%s' event within %s", event, WAIT).isNotNull();
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Asserts that no {@code event} arrives within {@code quiet} (a negative check needs a bounded wait). */
    public void expectNone(String event, Duration quiet) {
        try {
            JsonNode value = queue(event).poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(value).as("unexpected '%s' event", event).isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Events of that name received so far, without waiting. */
    public List<JsonNode> drain(String event) {
        List<JsonNode> out = new ArrayList<>();
        queue(event).drainTo(out);
        return out;
    }

    /** Waits for the server to disconnect this client; returns the reason. */
    public String awaitDisconnect(Duration within) {
        try {
            String reason = disconnects.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(reason).as("expected a disconnect within %s", within).isNotNull();
            return reason;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public boolean connected() {
        return socket.connected();
    }

    public String id() {
        return socket.id();
    }

    @Override
    public void close() {
        socket.close();
    }

    private BlockingQueue<JsonNode> queue(String event) {
        return events.computeIfAbsent(event, e -> new LinkedBlockingQueue<>());
    }

    private static Object toWire(Object payload) {
        if (payload instanceof Map<?, ?> map) {
            return new JSONObject(map);
        }
        if (payload instanceof List<?> list) {
            return new JSONArray(list);
        }
        if (payload instanceof JsonNode node) {
            try {
                return node.isObject() ? new JSONObject(node.toString()) : node.isArray() ? new JSONArray(node.toString()) : node.asText();
            } catch (org.json.JSONException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return payload;
    }

    static JsonNode toJson(Object value) {
        try {
            if (value == null || value == JSONObject.NULL) {
                return NullNode.getInstance();
            }
            if (value instanceof JSONObject || value instanceof JSONArray) {
                return MAPPER.readTree(value.toString());
            }
            return MAPPER.valueToTree(value instanceof Exception e ? e.getMessage() : value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
