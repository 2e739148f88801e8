package dev.chatharness.reliability.support;

import org.eclipse.jetty.http.HttpTester;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends bytes on a fresh TCP connection to 127.0.0.1 and reads whatever comes back until the server closes the
 * connection or stays silent for {@code idle}; the answers are parsed with Jetty's {@link HttpTester}, one per
 * pipelined request.
 */
public final class RawHttp {
    private static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    /** What came back: the responses parsed in order, whether the server closed, and the raw bytes. */
    public record Exchange(List<HttpTester.Response> responses, boolean closedByServer, byte[] raw) {
        public HttpTester.Response first() {
            return responses.isEmpty() ? null : responses.get(0);
        }
    }

    private RawHttp() {
    }

    public static Exchange send(int port, byte[] request, boolean halfClose, boolean head, Duration idle)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout((int) idle.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (SocketException e) {
                // The server refused the rest of a huge request and closed: what it answered is still to be read.
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            boolean closed = false;
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16_384];
            try {
                while (answer.size() < MAX_ANSWER_BYTES) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        closed = true;
                        break;
                    }
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // silent for 'idle': the server keeps the connection, which is allowed
            } catch (SocketException e) {
                closed = true; // reset by the server
            }
            byte[] raw = answer.toByteArray();
            return new Exchange(parse(raw, head), closed, raw);
        }
    }

    private static List<HttpTester.Response> parse(byte[] raw, boolean head) {
        List<HttpTester.Response> responses = new ArrayList<>();
        HttpTester.Input input = HttpTester.from(ByteBuffer.wrap(raw));
        while (true) {
            HttpTester.Response r;
            try {
                r = HttpTester.parseResponse(input, head);
            } catch (IOException | RuntimeException e) {
                return responses; // what follows is not HTTP (WebSocket frames after a 101, say)
            }
            if (r == null) {
                return responses;
            }
            responses.add(r);
            if (r.getStatus() == 101) {
                return responses;
            }
        }
    }
}
