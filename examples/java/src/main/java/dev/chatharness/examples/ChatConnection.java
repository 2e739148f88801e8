package dev.chatharness.examples;

import io.socket.client.AckWithTimeout;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One user's Socket.IO connection to a Chat v2 server: connects with the token in the handshake auth payload, sends
 * client-to-server events with an ack, and keeps every server event it receives in a queue that the flow awaits with
 * a deadline (the way socket.io-client-java's own tests wait, never with a sleep).
 */
final class ChatConnection implements AutoCloseable {
    /** Every server-to-client event of the contract (section 6), all printed when they arrive. */
    static final List<String> SERVER_EVENTS = List.of(
            "message", "typing", "message-read", "message-edited", "message-deleted",
            "conversation-created", "conversation-updated", "participant-added", "participant-removed",
            "user-online", "user-offline", "presence-update", "error");

    /** One received server event. */
    record Event(String name, JSONObject payload) {
    }

    private final String user;
    private final Socket socket;
    private final PrintStream out;
    private final BlockingQueue<Event> received = new LinkedBlockingQueue<>();
    /** Guards {@link #closed} and the printing of events: nothing is printed once {@link #close()} returned. */
    private final Object printing = new Object();
    private boolean closed;

    private ChatConnection(String user, Socket socket, PrintStream out) {
        this.user = user;
        this.socket = socket;
        this.out = out;
    }

    /**
     * Connects {@code user} and waits for the server to accept or refuse the handshake.
     *
     * @throws ExampleFailure with {@link ExampleFailure#UNREACHABLE_OR_AUTH} when the server cannot be reached or
     *                        answers CONNECT_ERROR (for example {@code unauthorized}, {@code token_expired})
     */
    static ChatConnection connect(URI server, String user, String token, Duration timeout, PrintStream out)
            throws ExampleFailure {
        IO.Options options = IO.Options.builder()
                .setAuth(Map.of("token", token)) // the contract's handshake auth payload; never the query string
                .setForceNew(true) // each user gets its own Engine.IO connection, not a shared (multiplexed) one
                .setReconnection(false) // an example should fail fast and say why, not retry forever
                .setTimeout(timeout.toMillis())
                .build();
        Socket socket = IO.socket(server, options);
        ChatConnection connection = new ChatConnection(user, socket, out);
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        socket.on(Socket.EVENT_CONNECT, args -> outcome.complete(null));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> outcome.completeExceptionally(
                new ExampleFailure(ExampleFailure.UNREACHABLE_OR_AUTH,
                        user + " could not connect to " + server + ": " + describeConnectError(args))));
        for (String event : SERVER_EVENTS) {
            socket.on(event, args -> connection.onEvent(event, args));
        }
        socket.connect();
        try {
            outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            socket.close();
            throw (ExampleFailure) e.getCause();
        } catch (TimeoutException e) {
            socket.close();
            throw new ExampleFailure(ExampleFailure.UNREACHABLE_OR_AUTH,
                    user + " could not connect to " + server + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.close();
            throw new ExampleFailure(ExampleFailure.CHECK_FAILED, "interrupted while connecting " + user);
        }
        out.println("[" + user + "] connected, socket id " + socket.id());
        return connection;
    }

    /**
     * Sends {@code event} with an ack and returns the ack's {@code data}. Every ack is either
     * {@code {"ok":true,"data":{...}}} or {@code {"ok":false,"error":{"code":...}}} (contract section 4).
     *
     * @throws ExampleFailure with {@link ExampleFailure#CHECK_FAILED} when the server refuses or does not answer
     */
    JSONObject request(String event, Map<String, Object> payload, Duration timeout) throws ExampleFailure {
        JSONObject body = new JSONObject(payload);
        out.println("[" + user + "] -> " + event + " " + body);
        CompletableFuture<Object> ack = new CompletableFuture<>();
        socket.emit(event, new Object[] {body}, new AckWithTimeout(timeout.toMillis()) {
            @Override
            public void onSuccess(Object... args) {
                ack.complete(args.length > 0 ? args[0] : null);
            }

            @Override
            public void onTimeout() {
                ack.completeExceptionally(new TimeoutException());
            }
        });
        Object answer;
        try {
            answer = ack.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ExampleFailure(ExampleFailure.CHECK_FAILED,
                    "no ack for " + user + "'s " + event + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExampleFailure(ExampleFailure.CHECK_FAILED, "interrupted while waiting for an ack");
        }
        out.println("[" + user + "] <- ack of " + event + " " + answer);
        if (!(answer instanceof JSONObject reply) || !reply.optBoolean("ok")) {
            throw new ExampleFailure(ExampleFailure.CHECK_FAILED,
                    "the server refused " + user + "'s " + event + ": " + answer);
        }
        JSONObject data = reply.optJSONObject("data");
        return data != null ? data : new JSONObject();
    }

    /**
     * Waits until this user has received {@code event} with a payload that {@code matches}, at most until
     * {@code deadline}. Other events received meanwhile were already printed and are passed over.
     *
     * @throws ExampleFailure with {@link ExampleFailure#CHECK_FAILED} when the deadline passes first
     */
    JSONObject await(String event, Predicate<JSONObject> matches, Instant deadline) throws ExampleFailure {
        try {
            while (true) {
                long waitMs = Duration.between(Instant.now(), deadline).toMillis();
                Event next = waitMs > 0 ? received.poll(waitMs, TimeUnit.MILLISECONDS) : null;
                if (next == null) {
                    throw new ExampleFailure(ExampleFailure.CHECK_FAILED,
                            user + " did not receive the expected '" + event + "' event in time");
                }
                if (next.name().equals(event) && matches.test(next.payload())) {
                    return next.payload();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExampleFailure(ExampleFailure.CHECK_FAILED, "interrupted while waiting for " + event);
        }
    }

    String user() {
        return user;
    }

    /**
     * Disconnects. Events still queued in the client's event thread (the other user going offline, say) are no
     * longer printed, so the program's verdict stays its last line.
     */
    @Override
    public void close() {
        synchronized (printing) {
            closed = true;
        }
        socket.close();
    }

    private void onEvent(String event, Object... args) {
        JSONObject payload = args.length > 0 && args[0] instanceof JSONObject json ? json : new JSONObject();
        synchronized (printing) {
            if (closed) {
                return;
            }
            out.println("[" + user + "] <- " + event + " " + payload);
        }
        received.add(new Event(event, payload));
    }

    /** A refused handshake carries {@code {"message":"unauthorized","data":{"code":...}}}; a network failure an exception. */
    private static String describeConnectError(Object... args) {
        if (args.length == 0) {
            return "connect_error";
        }
        if (args[0] instanceof JSONObject error) {
            JSONObject data = error.optJSONObject("data");
            String code = data != null ? data.optString("code", "") : "";
            return error.optString("message", "connect_error") + (code.isEmpty() ? "" : " (" + code + ")");
        }
        return String.valueOf(args[0]);
    }
}
