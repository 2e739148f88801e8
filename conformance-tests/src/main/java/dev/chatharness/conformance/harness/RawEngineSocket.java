package dev.chatharness.conformance.harness;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A bare Engine.IO 4 WebSocket speaking Socket.IO 5 frames by hand, for what the official client
 * hides: {@code io.socket:socket.io-client} 2.x does not notice a close the server starts (it never
 * answers OkHttp's {@code onClosing}), so "the server closed this connection" is observed here.
 */
public final class RawEngineSocket implements AutoCloseable {

    private final WebSocket webSocket;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private volatile String closed;

    RawEngineSocket(String wsUrl, OkHttpClient http) {
        this.webSocket = http.newWebSocket(new Request.Builder().url(wsUrl).build(), new WebSocketListener() {
            @Override
            public void onMessage(WebSocket socket, String text) {
                frames.add(text);
            }

            @Override
            public void onClosing(WebSocket socket, int code, String reason) {
                closed = "closed by the server with " + code + (reason.isEmpty() ? "" : " " + reason);
                frames.add("");
                socket.close(1000, "");
            }

            @Override
            public void onFailure(WebSocket socket, Throwable failure, Response response) {
                if (closed == null) {
                    closed = "connection failed: " + failure;
                }
                frames.add("");
            }
        });
    }

    /** The next text frame, or fails; an empty string means the connection is gone. */
    public String nextFrame(Duration within) {
        try {
            String frame = frames.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no Engine.IO frame within " + within.toMillis() + " ms");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends one text frame; false if the client could not queue it. */
    public boolean send(String frame) {
        return webSocket.send(frame);
    }

    /** Waits until the server has closed the connection; returns how. Frames before the close are skipped. */
    public String awaitClosed(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (closed == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the connection was still open " + within.toMillis() + " ms later");
            }
            try {
                frames.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return closed;
    }

    @Override
    public void close() {
        webSocket.cancel();
    }
}
