package dev.chatharness.load.ceiling;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.server.lifecycle.AcceptQueue;
import dev.chatharness.socketio.Ack;
import dev.chatharness.socketio.ConnectionRefusedException;
import dev.chatharness.socketio.Namespace;
import dev.chatharness.socketio.SocketIoOptions;
import dev.chatharness.socketio.SocketIoServer;
import dev.chatharness.socketio.SocketIoSocket;
import dev.chatharness.socketio.SocketKey;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Chat v2 server reduced to what {@code load fanout} and {@code load connections} touch: {@code GET /health},
 * {@code POST /api/v2/conversations}, {@code GET .../messages} (the run's stored-count check), and on Socket.IO the
 * token check on CONNECT, {@code join-conversation} and {@code message} with the reference server's wire frames.
 * Nothing else of the contract: no rate limit, no presence, no idempotency, no storage but a list in memory.
 *
 * <pre>{@code
 * java -cp chat-harness.jar:load-tests/target/test-classes dev.chatharness.load.ceiling.CeilingServer \
 *     --port 0 --jwt-secret SECRET        # prints "listening on http://127.0.0.1:PORT"
 * }</pre>
 */
public final class CeilingServer implements AutoCloseable {

    private static final SocketKey<String> USER = SocketKey.of("ceiling.user", String.class);

    private final Javalin app;
    private final SocketIoServer io;
    private final CeilingRooms rooms = new CeilingRooms();
    private final JWTVerifier verifier;

    private CeilingServer(String host, int port, String secret) {
        ObjectMapper mapper = new ObjectMapper();
        this.verifier = JWT.require(Algorithm.HMAC256(secret)).acceptLeeway(0).build();
        this.io = new SocketIoServer(SocketIoOptions.builder().build(), mapper);
        Namespace namespace = io.defaultNamespace();
        namespace.use(this::authenticate);
        namespace.onConnection(this::connected);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            io.install(cfg);
            // the reference server's backlog, not the JDK's 50: a storm compared across the two servers must not
            // measure a difference the ceiling server would lose to SYN retransmissions alone
            AcceptQueue.install(cfg);
            cfg.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            cfg.routes.post("/api/v2/conversations", this::createConversation);
            cfg.routes.get("/api/v2/conversations/{id}/messages", this::listMessages);
        });
        app.start(host, port);
    }

    /** Starts listening; {@code port} 0 picks a free one. */
    public static CeilingServer start(String host, int port, String secret) {
        return new CeilingServer(host, port, secret);
    }

    public int port() {
        return app.port();
    }

    /** The backlog each network connector asked the kernel for. */
    List<Integer> acceptQueueSizes() {
        return Arrays.stream(app.jettyServer().server().getConnectors())
                .filter(ServerConnector.class::isInstance)
                .map(c -> ((ServerConnector) c).getAcceptQueueSize())
                .toList();
    }

    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 0;
        String secret = System.getenv("CHAT_HARNESS_JWT_SECRET");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--jwt-secret" -> secret = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --host H --port P --jwt-secret S)");
            }
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("--jwt-secret (or CHAT_HARNESS_JWT_SECRET) is required");
        }
        CeilingServer server = start(host, port, secret);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ceiling-shutdown"));
        System.out.println("ceiling server listening on http://" + host + ":" + server.port());
    }

    // ---- Socket.IO --------------------------------------------------------------------------------------------

    private void authenticate(SocketIoSocket socket) throws ConnectionRefusedException {
        JsonNode token = socket.handshake().auth() == null ? null : socket.handshake().auth().get("token");
        String user = token != null && token.isTextual() ? userOf(token.textValue()) : null;
        if (user == null) {
            throw new ConnectionRefusedException("unauthorized", Map.of("code", "token_invalid"));
        }
        socket.set(USER, user);
    }

    private void connected(SocketIoSocket socket) {
        socket.on("join-conversation", (s, args, ack) -> {
            CeilingRooms.Room room = rooms.find(conversationId(args));
            if (room == null) {
                fail(ack, "not_found", "conversation not found");
                return;
            }
            long lastSeq = room.join(() -> s.join(room.name()));
            reply(ack, Map.of("conversationId", room.id(), "lastSeq", lastSeq));
        });
        socket.on("message", (s, args, ack) -> {
            CeilingRooms.Room room = rooms.find(conversationId(args));
            JsonNode body = args.isEmpty() ? null : args.get(0).get("body");
            if (room == null || !s.rooms().contains(room.name())) {
                fail(ack, "not_found", "conversation not found");
                return;
            }
            if (body == null || !body.isTextual() || body.textValue().isEmpty()) {
                fail(ack, "invalid_payload", "body must be a non-empty string");
                return;
            }
            // Under the room's lock, as the reference server does, so that every member sees seq order.
            CeilingRooms.Message message = room.append(s.require(USER), body.textValue(),
                    m -> s.to(room.name()).emit("message", m));
            reply(ack, message);
        });
        socket.onUnhandledEvent((s, event, args, ack) -> fail(ack, "invalid_payload", "unknown event '" + event + "'"));
    }

    private static String conversationId(List<JsonNode> args) {
        JsonNode id = args.isEmpty() ? null : args.get(0).get("conversationId");
        return id != null && id.isTextual() ? id.textValue() : null;
    }

    private static void reply(Ack ack, Object data) {
        if (ack != null) {
            ack.send(Map.of("ok", true, "data", data));
        }
    }

    private static void fail(Ack ack, String code, String message) {
        if (ack != null) {
            ack.send(Map.of("ok", false, "error", Map.of("code", code, "message", message)));
        }
    }

    // ---- REST -------------------------------------------------------------------------------------------------

    private void createConversation(Context ctx) {
        if (bearerUser(ctx) == null) {
            ctx.status(401).json(Map.of("error", Map.of("code", "token_invalid", "message", "bad token")));
            return;
        }
        CeilingRooms.Room room = rooms.create();
        ctx.status(201).json(Map.of("id", room.id()));
    }

    private void listMessages(Context ctx) {
        CeilingRooms.Room room = rooms.find(ctx.pathParam("id"));
        if (bearerUser(ctx) == null) {
            ctx.status(401).json(Map.of("error", Map.of("code", "token_invalid", "message", "bad token")));
            return;
        }
        if (room == null) {
            ctx.status(404).json(Map.of("error", Map.of("code", "not_found", "message", "conversation not found")));
            return;
        }
        long afterSeq = parseOr(ctx.queryParam("afterSeq"), 0);
        int limit = (int) Math.max(1, Math.min(100, parseOr(ctx.queryParam("limit"), 50)));
        ctx.json(Map.of("items", room.after(afterSeq, limit)));
    }

    private String bearerUser(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.startsWith("Bearer ") ? userOf(header.substring(7).trim()) : null;
    }

    /** The token's {@code sub} when its signature and times check out, else null. */
    private String userOf(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            return jwt.getSubject();
        } catch (JWTVerificationException e) {
            return null;
        }
    }

    private static long parseOr(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void close() {
        try {
            io.close();
        } finally {
            app.stop();
        }
    }
}
