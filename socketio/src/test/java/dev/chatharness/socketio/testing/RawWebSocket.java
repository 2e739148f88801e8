package dev.chatharness.socketio.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A raw WebSocket that queues every frame it receives (String for text, byte[] for binary) and records its close,
 * so tests read the server's frames one by one with timeouts.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final boolean autoPong;
    private WebSocket socket;

    private RawWebSocket(boolean autoPong) {
        this.autoPong = autoPong;
    }

    /** Connects; with {@code autoPong}, Engine.IO pings ("2") are answered and not queued. */
    public static RawWebSocket connect(String url, boolean autoPong) {
        RawWebSocket raw = new RawWebSocket(autoPong);
        try {
            raw.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(URI.create(url), raw.listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new HandshakeRefused(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("websocket connect failed", e);
        }
        return raw;
    }

    /** The HTTP status of a refused WebSocket handshake. */
    public static int refusedStatus(String url) {
        try (RawWebSocket ignored = connect(url, false)) {
            throw new AssertionError("handshake unexpectedly accepted: " + url);
        } catch (HandshakeRefused e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw new AssertionError("unexpected failure", e.getCause());
        }
    }

    public static final class HandshakeRefused extends RuntimeException {
        HandshakeRefused(Throwable cause) {
            super(cause);
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();
            private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String frame = text.toString();
                    text.setLength(0);
                    if (autoPong && frame.equals("2")) {
                        ws.sendText("3", true);
                    } else {
                        frames.add(frame);
                    }
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                binary.writeBytes(chunk);
                if (last) {
                    frames.add(binary.toByteArray());
                    binary.reset();
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        };
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void send(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /**
     * Sends a frame the server is expected to refuse for its size. The server may close as soon as the frame header
     * announces too many bytes, before all of them are written: a write cut short that way is the refusal, not a
     * test error (the caller then checks the close).
     */
    public void sendOversized(String text) {
        socket.sendText(text, true).exceptionally(cutShort -> null).join();
    }

    /** The next frame, or fails after {@link #WAIT}. */
    public Object next() {
        try {
            Object frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT + (closed.isDone() ? " (socket closed)" : ""));
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String nextText() {
        Object frame = next();
        if (!(frame instanceof String s)) {
            throw new AssertionError("expected a text frame, got binary");
        }
        return s;
    }

    /** The next frame that is not an Engine.IO ping. */
    public Object nextNonPing() {
        while (true) {
            Object frame = next();
            if (!"2".equals(frame)) {
                return frame;
            }
        }
    }

    /** Waits for the server to close the connection; returns the close status (-1 on error). */
    public int awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed within " + WAIT, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /**
     * A clean close: the close frame, then the server's answer to it, then the end of the connection. Unlike
     * {@link #close}, which drops the connection right after the frame, so that the server may see a reset first.
     */
    public void closeCleanly() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        awaitClose();
    }

    @Override
    public void close() {
        if (socket != null && !closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            socket.abort();
        }
    }
}
