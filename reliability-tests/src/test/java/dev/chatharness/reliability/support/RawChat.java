package dev.chatharness.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Socket.IO 5 client over a raw Engine.IO WebSocket ({@code java.net.http}): CONNECT with a token, events
 * with acks, {@code message} events into a queue, pings answered. Much lighter than the official client, so a soak
 * can hold many of them from one test JVM, and a flood can send thousands of events a second.
 *
 * <p>{@code java.net.http} allows one text send in progress per WebSocket; sends are chained, so {@link #emit} may
 * be called from any thread at any rate.
 */
public final class RawChat implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket ws;
    private final CompletableFuture<String> connected = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<JsonNode>> acks = new ConcurrentHashMap<>();
    /** Acks of {@link #emitRaw}: completed with the ack's text, never parsed. */
    private final Map<Long, CompletableFuture<String>> rawAcks = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final AtomicLong nextAck = new AtomicLong();
    private final Object sendLock = new Object();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private RawChat(HttpClient http, String baseUrl, String token) {
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        this.ws = http.newWebSocketBuilder().buildAsync(uri, new Listener(token)).join();
    }

    /** Opens and completes the Socket.IO CONNECT; the future fails with the CONNECT_ERROR payload if refused. */
    public static RawChat open(String baseUrl, String token) {
        return new RawChat(HTTP, baseUrl, token);
    }

    /**
     * Same over {@code http}: sockets opened with their own client have their own selector thread, so a group of
     * them is never read or written behind another group's traffic.
     */
    public static RawChat open(HttpClient http, String baseUrl, String token) {
        return new RawChat(http, baseUrl, token);
    }

    public CompletableFuture<String> connected() {
        return connected;
    }

    public CompletableFuture<JsonNode> emit(String event, Object payload) {
        long id = nextAck.getAndIncrement();
        CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        acks.put(id, ack);
        try {
            send(ws, "42" + id + Rest.JSON.writeValueAsString(new Object[] {event, payload})).exceptionally(e -> {
                ack.completeExceptionally(e);
                return null;
            });
        } catch (IOException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }

    /**
     * Emits a prepared {@code ["event",...]} array with an ack; the future gets the ack packet's arguments as text.
     * For floods: nothing is serialized or parsed per event.
     */
    public CompletableFuture<String> emitRaw(String eventAndArguments) {
        long id = nextAck.getAndIncrement();
        CompletableFuture<String> ack = new CompletableFuture<>();
        rawAcks.put(id, ack);
        send(ws, "42" + id + eventAndArguments).exceptionally(e -> {
            ack.completeExceptionally(e);
            return null;
        });
        return ack;
    }

    /** Queues {@code text} after the sends before it (a failed one does not stop the next). */
    private CompletableFuture<?> send(WebSocket socket, String text) {
        synchronized (sendLock) {
            CompletableFuture<?> next = lastSend.handle((done, failed) -> null).thenCompose(x -> socket.sendText(text, true));
            lastSend = next;
            return next;
        }
    }

    public JsonNode nextMessage(Duration within) throws InterruptedException {
        return messages.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
    }

    private final class Listener implements WebSocket.Listener {
        private final String token;
        private final StringBuilder text = new StringBuilder();

        Listener(String token) {
            this.token = token;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                handle(socket, text.toString());
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        private void handle(WebSocket socket, String frame) {
            try {
                if (frame.startsWith("0")) {
                    send(socket, "40" + Rest.JSON.writeValueAsString(Map.of("token", token)));
                } else if (frame.equals("2")) {
                    send(socket, "3");
                } else if (frame.startsWith("40")) {
                    connected.complete(frame.substring(2));
                } else if (frame.startsWith("44")) {
                    connected.completeExceptionally(new IllegalStateException("refused: " + frame.substring(2)));
                } else if (frame.startsWith("43")) {
                    int bracket = frame.indexOf('[');
                    long id = Long.parseLong(frame.substring(2, bracket));
                    CompletableFuture<String> raw = rawAcks.remove(id);
                    if (raw != null) {
                        raw.complete(frame.substring(bracket));
                        return;
                    }
                    CompletableFuture<JsonNode> ack = acks.remove(id);
                    if (ack != null) {
                        ack.complete(Rest.JSON.readTree(frame.substring(bracket)).path(0));
                    }
                } else if (frame.startsWith("42[\"message\"")) {
                    messages.add(Rest.JSON.readTree(frame.substring(2)).path(1));
                }
            } catch (IOException | RuntimeException e) {
                connected.completeExceptionally(e);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            connected.completeExceptionally(new IllegalStateException("closed " + statusCode));
            acks.values().forEach(a -> a.completeExceptionally(new IllegalStateException("closed")));
            rawAcks.values().forEach(a -> a.completeExceptionally(new IllegalStateException("closed")));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            connected.completeExceptionally(error);
            acks.values().forEach(a -> a.completeExceptionally(error));
            rawAcks.values().forEach(a -> a.completeExceptionally(error));
        }
    }
}
