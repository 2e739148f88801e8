package dev.chatharness.socketio.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Raw Engine.IO over HTTP: the requests a long-polling client sends, with nothing hidden. */
public final class RawHttp {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    /** @param base e.g. {@code http://127.0.0.1:1234/engine.io/} */
    public RawHttp(String base) {
        this.base = base;
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public Response get(String query) {
        return send(HttpRequest.newBuilder(uri(query)).GET());
    }

    public CompletableFuture<Response> getAsync(String query) {
        return sendAsync(HttpRequest.newBuilder(uri(query)).GET());
    }

    public Response post(String query, String body) {
        return send(HttpRequest.newBuilder(uri(query)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response post(String query, byte[] body) {
        return send(HttpRequest.newBuilder(uri(query)).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /**
     * A POST the server is expected to refuse for its size, before reading it all; empty when the connection was
     * cut before the answer arrived. A server that answers 413 and closes while the client is still writing makes
     * the kernel reset the connection, and the reset can overtake the answer: a client (engine.io's included) may
     * see either, so a test may only demand that whatever arrived is the 413.
     */
    public Optional<Response> postOversized(String query, String body) {
        try {
            return Optional.of(sendAsync(HttpRequest.newBuilder(uri(query))
                    .POST(HttpRequest.BodyPublishers.ofString(body))).get(20, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException) {
                return Optional.empty();
            }
            throw new AssertionError("request failed", e);
        } catch (Exception e) {
            throw new AssertionError("request failed", e);
        }
    }

    /** A POST declaring its body binary ({@code application/octet-stream}), which Engine.IO 4 does not allow. */
    public Response postBinary(String query, String body) {
        return send(HttpRequest.newBuilder(uri(query)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public CompletableFuture<Response> postAsync(String query, String body) {
        return sendAsync(HttpRequest.newBuilder(uri(query)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * A POST whose headers go out now and whose body waits for {@link HeldPost#sendBody}: a request the server has
     * begun but cannot finish, on a connection of its own.
     */
    public HeldPost postHeld(String query, String body) {
        return new HeldPost(uri(query), body.getBytes(StandardCharsets.UTF_8));
    }

    public Response method(String method, String query) {
        return send(HttpRequest.newBuilder(uri(query)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    public JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Opens a polling session; returns its sid. */
    public String handshake() {
        Response r = get("EIO=4&transport=polling");
        if (r.status() != 200 || !r.body().startsWith("0")) {
            throw new AssertionError("handshake failed: " + r);
        }
        try {
            return MAPPER.readTree(r.body().substring(1)).get("sid").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** See {@link #postHeld}. Its response is {@code null} if the server closed the connection without one. */
    public static final class HeldPost implements AutoCloseable {
        private final Socket socket;
        private final byte[] body;
        private final CompletableFuture<Response> response;

        HeldPost(URI uri, byte[] body) {
            this.body = body;
            try {
                socket = new Socket(uri.getHost(), uri.getPort());
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                        + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                        + "Content-Type: text/plain;charset=UTF-8\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                throw new AssertionError("held POST failed", e);
            }
            response = CompletableFuture.supplyAsync(this::read);
        }

        public void sendBody() {
            try {
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the server may have closed the connection already: the response says so
            }
        }

        /** The response, or null if the connection ended without one. */
        public Response response() {
            return response.join();
        }

        private Response read() {
            try {
                String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int end = raw.indexOf("\r\n\r\n");
                if (end < 0) {
                    return null;
                }
                int status = Integer.parseInt(raw.substring(9, 12));
                return new Response(status, raw.substring(end + 4));
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    private URI uri(String query) {
        return URI.create(base + (query.isEmpty() ? "" : "?" + query));
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            return sendAsync(builder).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("request failed", e);
        }
    }

    private CompletableFuture<Response> sendAsync(HttpRequest.Builder builder) {
        return client.sendAsync(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Response(r.statusCode(), r.body()));
    }
}
