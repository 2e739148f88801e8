package dev.chatharness.conformance.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A raw Engine.IO 4 WebSocket over {@code java.net.http}: frames in, frames out, nothing interpreted, so that any
 * byte sequence can be sent and everything the server answers can be inspected. A server close shows as
 * {@link #CLOSED} in the frame queue.
 */
final class RawSession implements AutoCloseable {
    /** Marks the end of the connection in {@link #next}. */
    static final String CLOSED = "\u0000closed";

    private final WebSocket ws;
    private final BlockingQueue<String> source;
    private final List<String> seen = new ArrayList<>();

    private RawSession(WebSocket ws, BlockingQueue<String> frames) {
        this.ws = ws;
        this.source = frames;
    }

    /** Opens {@code ws(s)://host/path?EIO=4&transport=websocket} and reads the Engine.IO open packet. */
    static RawSession open(HttpClient http, URI wsUri, Duration timeout) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    queue.add(text.toString());
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                queue.add("(binary) " + new String(bytes, StandardCharsets.ISO_8859_1));
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                queue.add(CLOSED);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                queue.add(CLOSED);
            }
        };
        WebSocket ws;
        try {
            ws = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(wsUri, listener)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot open a WebSocket to " + wsUri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new RawSession(ws, queue);
    }

    /** The next frame within {@code timeout}, {@link #CLOSED} once the connection is gone, or null on time-out. */
    String next(Duration timeout) {
        try {
            String frame = source.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame != null) {
                if (CLOSED.equals(frame)) {
                    source.add(CLOSED); // stays closed for later reads
                } else {
                    seen.add(frame);
                }
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads until a frame matches (returned), the connection closes ({@link #CLOSED}) or time runs out (null). */
    String until(Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            String frame = next(Duration.ofNanos(left));
            if (frame == null || CLOSED.equals(frame)) {
                return frame;
            }
            if (frame.equals("2")) {
                sendText("3"); // keep the session alive through heartbeats
                continue;
            }
            if (match.test(frame)) {
                return frame;
            }
        }
    }

    /** Every frame read so far. */
    List<String> seen() {
        return List.copyOf(seen);
    }

    /** Sends a text frame; false if the connection refused it (closed, or the client gave up on a huge frame). */
    boolean sendText(String text) {
        return await(ws.sendText(text, true));
    }

    boolean sendBinary(byte[] bytes) {
        return await(ws.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    private static boolean await(java.util.concurrent.CompletableFuture<WebSocket> sent) {
        try {
            sent.get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ws.abort();
    }
}
