package dev.chatharness.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The official Java client ({@code io.socket:socket.io-client} 2.1.2), without reconnection, as a small async API:
 * {@link #emit} returns the ack as a future; disconnect reasons and received events land in queues.
 */
public final class LiveSocket implements AutoCloseable {
    /** Generous: the build machine is shared, and a loaded 2-core box can take seconds to answer. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final Socket socket;
    private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();

    private LiveSocket(Socket socket) {
        this.socket = socket;
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnects.add(args.length > 0 ? String.valueOf(args[0]) : ""));
        socket.on("message", args -> messages.add(json(args.length > 0 ? args[0] : null)));
    }

    /** Connects over WebSocket and waits for CONNECT; throws with the CONNECT_ERROR payload if refused. */
    public static LiveSocket connect(String baseUrl, String token) {
        LiveSocket live = open(baseUrl, token);
        Object outcome = live.awaitOutcome();
        if (outcome instanceof ConnectRefused refused) {
            live.close();
            throw new AssertionError("connection refused: " + refused.payload());
        }
        return live;
    }

    /** Starts connecting; {@link #awaitOutcome()} tells how it went. */
    public static LiveSocket open(String baseUrl, String token) {
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {"websocket"}).setAuth(Map.of("token", token))
                .setTimeout(WAIT.toMillis()).build();
        LiveSocket live = new LiveSocket(IO.socket(URI.create(baseUrl), options));
        live.socket.once(Socket.EVENT_CONNECT, args -> live.outcome.complete(Connected.INSTANCE));
        live.socket.once(Socket.EVENT_CONNECT_ERROR, args ->
                live.outcome.complete(new ConnectRefused(json(args.length > 0 ? args[0] : null))));
        live.socket.connect();
        return live;
    }

    /** The connection was accepted. */
    public enum Connected { INSTANCE }

    /** The server answered CONNECT_ERROR with this payload ({@code {message, data}}), or the transport failed. */
    public record ConnectRefused(JsonNode payload) {
    }

    /** {@link Connected#INSTANCE} or a {@link ConnectRefused}, waiting up to {@link #WAIT}. */
    public Object awaitOutcome() {
        try {
            return outcome.get(WAIT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no CONNECT nor CONNECT_ERROR within " + WAIT);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Emits {@code event} with one JSON argument and an ack; the future completes with the ack's first argument. */
    public CompletableFuture<JsonNode> emit(String event, Object payload) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        JSONObject wire;
        try {
            wire = new JSONObject(Rest.JSON.writeValueAsString(payload));
        } catch (IOException | org.json.JSONException e) {
            throw new IllegalArgumentException("payload is not a JSON object: " + payload, e);
        }
        socket.emit(event, new Object[] {wire}, (Ack) args -> reply.complete(json(args.length > 0 ? args[0] : null)));
        return reply;
    }

    /** Emits and waits for the ack; fails unless it is {@code ok:true}; returns its {@code data}. */
    public JsonNode ok(String event, Object payload) {
        JsonNode reply = await(emit(event, payload), "ack of " + event);
        if (!reply.path("ok").asBoolean(false)) {
            throw new AssertionError("ack of " + event + " was not ok: " + reply);
        }
        return reply.get("data");
    }

    public static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next disconnect reason, e.g. {@code io server disconnect}; null if none within {@code within}. */
    public String awaitDisconnect(Duration within) {
        try {
            return disconnects.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code message} event received, or null after {@code within}. */
    public JsonNode nextMessage(Duration within) {
        try {
            return messages.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean connected() {
        return socket.connected();
    }

    static JsonNode json(Object value) {
        try {
            return value == null ? Rest.JSON.nullNode() : Rest.JSON.readTree(value.toString());
        } catch (IOException e) {
            return Rest.JSON.getNodeFactory().textNode(String.valueOf(value));
        }
    }

    @Override
    public void close() {
        socket.off();
        socket.close();
    }
}
