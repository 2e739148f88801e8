package dev.chatharness.conformance.harness;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A bare Engine.IO 4 WebSocket: frames in, frames out, nothing interpreted, so that any byte sequence can be sent and
 * everything the server answers inspected. It serves what the official client hides: the close the server starts
 * ({@code io.socket:socket.io-client} 2.x never notices it), exact packet sizes, malformed input, the acks of one
 * event counted. A server close shows as {@link #CLOSED} in the frames.
 *
 * <pre>{@code
 * RawEngineSocket raw = RawEngineSocket.open(http, http.engineWebSocket("EIO=4&transport=websocket"), Duration.ofSeconds(5));
 * raw.nextFrame(timeout);                       // 0{"sid":...}
 * raw.send("40{\"token\":\"...\"}");
 * String ack = raw.until(f -> f.startsWith("431["), timeout); // heartbeats are answered meanwhile
 * }</pre>
 */
public final class RawEngineSocket implements AutoCloseable {
    /** Marks the end of the connection among the frames. */
    public static final String CLOSED = "\u0000closed";

    private final WebSocket ws;
    private final BlockingQueue<String> frames;
    private final List<String> seen = new ArrayList<>();
    private volatile String closedHow;

    private RawEngineSocket(WebSocket ws, BlockingQueue<String> frames, Listener listener) {
        this.ws = ws;
        this.frames = frames;
        listener.owner = this;
    }

    /**
     * Opens {@code ws(s)://host/path?EIO=4&transport=websocket[&sid=...]} with the run's TLS trust, headers and
     * cookies; fails the test if it cannot.
     */
    public static RawEngineSocket open(TargetHttp http, URI wsUri, Duration timeout) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Listener listener = new Listener(queue);
        WebSocket ws;
        try {
            ws = http.webSocket().connectTimeout(timeout).buildAsync(wsUri, listener)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot open a WebSocket to " + wsUri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("cannot open a WebSocket to " + wsUri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new RawEngineSocket(ws, queue, listener);
    }

    /** The next frame within {@code timeout}, {@link #CLOSED} once the connection is gone, or null on time-out. */
    public String next(Duration timeout) {
        try {
            String frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame != null) {
                if (CLOSED.equals(frame)) {
                    frames.add(CLOSED); // stays closed for later reads
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

    /** The next frame; fails the test on time-out. {@link #CLOSED} means the connection is gone. */
    public String nextFrame(Duration within) {
        String frame = next(within);
        if (frame == null) {
            throw new AssertionError("no Engine.IO frame within " + within.toMillis() + " ms");
        }
        return frame;
    }

    /**
     * Reads until a frame matches (returned), the connection closes ({@link #CLOSED}) or time runs out (null); the
     * server's pings are answered meanwhile, so the session stays alive however long this takes.
     */
    public String until(Predicate<String> match, Duration timeout) {
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
                send("3");
                continue;
            }
            if (match.test(frame)) {
                return frame;
            }
        }
    }

    /** Waits until the server has closed the connection and says how; fails the test if it stays open. */
    public String awaitClosed(Duration within) {
        String end = until(frame -> false, within);
        if (end == null) {
            throw new AssertionError("the connection was still open " + within.toMillis() + " ms later");
        }
        return closedHow;
    }

    /** Every frame read so far. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    /** Sends a text frame; false if the connection refused it (closed, or the client gave up on a huge frame). */
    public boolean send(String text) {
        return await(ws.sendText(text, true));
    }

    /** Sends a binary frame; false if the connection refused it. */
    public boolean sendBinary(byte[] bytes) {
        return await(ws.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    private static boolean await(CompletableFuture<WebSocket> sent) {
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

    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<String> queue;
        private final StringBuilder text = new StringBuilder();
        private volatile RawEngineSocket owner;

        Listener(BlockingQueue<String> queue) {
            this.queue = queue;
        }

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
            closed("closed by the server with " + statusCode + (reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed("connection failed: " + error);
        }

        private void closed(String how) {
            RawEngineSocket raw = owner;
            if (raw != null && raw.closedHow == null) {
                raw.closedHow = how;
            }
            queue.add(CLOSED);
        }
    }
}
