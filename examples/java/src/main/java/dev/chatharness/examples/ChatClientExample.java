package dev.chatharness.examples;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import org.json.JSONObject;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Chat v2 client on {@code io.socket:socket.io-client} 2.x, end to end with two users, alice (token A) and bob
 * (token B):
 * <ol>
 *   <li>both connect with their token in the handshake auth payload;</li>
 *   <li>alice creates a conversation with bob over REST, and bob's socket receives {@code conversation-created};</li>
 *   <li>both join the conversation's room with {@code join-conversation} and its ack;</li>
 *   <li>every room event goes from one to the other: alice sends a {@code message}, bob is {@code typing}, bob
 *       marks it read ({@code message-read}), alice edits it ({@code message-edited}) and deletes it
 *       ({@code message-deleted}), bob answers with a {@code message} of his own.</li>
 * </ol>
 * Each request and each received event is printed. Exit code 0 when the other user saw every event, 1 when an ack
 * was refused or an event did not come before the timeout, 2 for bad input, 3 when the server could not be reached
 * or refused a token.
 *
 * <pre>{@code
 * CHAT_TOKEN_A=<alice's JWT> CHAT_TOKEN_B=<bob's JWT> \
 *   java dev.chatharness.examples.ChatClientExample --url http://127.0.0.1:8080 [--timeout-seconds 30]
 * }</pre>
 * Tokens come from the environment, not the command line, so they stay out of shell history and process lists.
 */
public final class ChatClientExample {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    private static final String USAGE = """
            usage: CHAT_TOKEN_A=<jwt> CHAT_TOKEN_B=<jwt> ChatClientExample [--url URL] [--timeout-seconds N]
              --url URL              Chat v2 server (default http://127.0.0.1:8080)
              --timeout-seconds N    give up after N seconds (default 30)
            The two tokens must be of two users of the same tenant.""";

    private ChatClientExample() {
    }

    public static void main(String[] args) {
        // System.exit also ends the HTTP client threads that socket.io-client keeps alive for a while.
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Parses the arguments and runs the example; returns the process exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            Settings settings = Settings.parse(args, env);
            if (settings == null) {
                out.println(USAGE);
                return 0;
            }
            new ChatClientExample.Flow(settings, out).run();
            return 0;
        } catch (ExampleFailure failure) {
            err.println("ChatClientExample: " + failure.getMessage());
            if (failure.exitCode() == ExampleFailure.USAGE) {
                err.println(USAGE);
            }
            return failure.exitCode();
        }
    }

    /** What the example was told, validated once. */
    record Settings(URI server, String tokenA, String tokenB, Duration timeout) {
        /** Returns null when help was asked for. */
        static Settings parse(String[] args, Map<String, String> env) throws ExampleFailure {
            String url = "http://127.0.0.1:8080";
            String timeoutSeconds = "30";
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        return null;
                    }
                    case "--url" -> url = valueOf(args, ++i, "--url");
                    case "--timeout-seconds" -> timeoutSeconds = valueOf(args, ++i, "--timeout-seconds");
                    default -> throw usage("unknown argument '" + args[i] + "'");
                }
            }
            return new Settings(serverUri(url), token(env, "CHAT_TOKEN_A"), token(env, "CHAT_TOKEN_B"),
                    Duration.ofSeconds(positive(timeoutSeconds)));
        }

        private static String valueOf(String[] args, int i, String flag) throws ExampleFailure {
            if (i >= args.length) {
                throw usage(flag + " needs a value");
            }
            return args[i];
        }

        private static URI serverUri(String url) throws ExampleFailure {
            try {
                URI uri = new URI(url);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw usage("--url must be an http:// or https:// URL with a host, got '" + url + "'");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw usage("--url is not a URL: '" + url + "'");
            }
        }

        private static long positive(String text) throws ExampleFailure {
            try {
                long value = Long.parseLong(text);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw usage("--timeout-seconds must be a positive whole number, got '" + text + "'");
        }

        private static String token(Map<String, String> env, String name) throws ExampleFailure {
            String token = env.get(name);
            if (token == null || token.isBlank()) {
                throw usage("the environment variable " + name + " must hold a JWT");
            }
            return token.strip();
        }

        private static ExampleFailure usage(String message) {
            return new ExampleFailure(ExampleFailure.USAGE, message);
        }
    }

    /** The steps, in order; each waits for the other user to see what was sent. */
    private static final class Flow {
        private final Settings settings;
        private final PrintStream out;
        private final Instant deadline;
        private final Set<String> seen = new LinkedHashSet<>();

        Flow(Settings settings, PrintStream out) {
            this.settings = settings;
            this.out = out;
            this.deadline = Instant.now().plus(settings.timeout());
        }

        void run() throws ExampleFailure {
            String alice = subject(settings.tokenA(), "CHAT_TOKEN_A");
            String bob = subject(settings.tokenB(), "CHAT_TOKEN_B");
            if (alice.equals(bob)) {
                throw new ExampleFailure(ExampleFailure.USAGE,
                        "CHAT_TOKEN_A and CHAT_TOKEN_B are both for user '" + alice + "': give two users");
            }
            out.println("Connecting " + alice + " and " + bob + " to " + settings.server());
            try (ChatConnection a = ChatConnection.connect(settings.server(), alice, settings.tokenA(), remaining(), out);
                 ChatConnection b = ChatConnection.connect(settings.server(), bob, settings.tokenB(), remaining(), out)) {
                exchange(a, b);
            }
            out.println("OK: " + String.join(", ", seen) + " each reached the other user");
        }

        private void exchange(ChatConnection a, ChatConnection b) throws ExampleFailure {
            step(a.user() + " creates a conversation with " + b.user() + " over REST");
            JSONObject conversation = new ChatRest(settings.server(), ACK_TIMEOUT, out).createConversation(
                    a.user(), settings.tokenA(), "chat-harness Java example", List.of(b.user()));
            String conversationId = conversation.optString("id");
            b.await("conversation-created", c -> conversationId.equals(c.optString("id")), deadline);
            seen.add("conversation-created");

            step("both join the conversation's room");
            Map<String, Object> room = Map.of("conversationId", conversationId);
            a.request("join-conversation", room, ACK_TIMEOUT);
            b.request("join-conversation", room, ACK_TIMEOUT);

            step(a.user() + " sends a message; " + b.user() + " must receive 'message'");
            JSONObject sent = a.request("message", Map.of("conversationId", conversationId,
                    "body", "hello from " + a.user(), "clientMessageId", "java-example-1"), ACK_TIMEOUT);
            String messageId = sent.optString("id");
            b.await("message", m -> messageId.equals(m.optString("id")), deadline);
            seen.add("message");

            step(b.user() + " starts typing; " + a.user() + " must receive 'typing'");
            b.request("typing", Map.of("conversationId", conversationId, "isTyping", true), ACK_TIMEOUT);
            a.await("typing", t -> b.user().equals(t.optString("userId")) && t.optBoolean("isTyping"), deadline);
            seen.add("typing");

            step(b.user() + " marks the message read; " + a.user() + " must receive 'message-read'");
            b.request("message-read", Map.of("conversationId", conversationId, "messageId", messageId), ACK_TIMEOUT);
            a.await("message-read", r -> messageId.equals(r.optString("messageId"))
                    && b.user().equals(r.optString("userId")), deadline);
            seen.add("message-read");

            step(a.user() + " edits the message; " + b.user() + " must receive 'message-edited'");
            String edited = "hello from " + a.user() + " (edited)";
            a.request("message-edited", Map.of("conversationId", conversationId, "messageId", messageId,
                    "body", edited), ACK_TIMEOUT);
            b.await("message-edited", m -> messageId.equals(m.optString("id"))
                    && edited.equals(m.optString("body")), deadline);
            seen.add("message-edited");

            step(a.user() + " deletes the message; " + b.user() + " must receive 'message-deleted'");
            a.request("message-deleted", Map.of("conversationId", conversationId, "messageId", messageId), ACK_TIMEOUT);
            b.await("message-deleted", d -> messageId.equals(d.optString("messageId")), deadline);
            seen.add("message-deleted");

            step(b.user() + " replies; " + a.user() + " must receive 'message'");
            JSONObject reply = b.request("message", Map.of("conversationId", conversationId,
                    "body", "hello from " + b.user(), "clientMessageId", "java-example-2"), ACK_TIMEOUT);
            a.await("message", m -> reply.optString("id").equals(m.optString("id")), deadline);
        }

        private void step(String description) {
            out.println();
            out.println("== " + description);
        }

        private Duration remaining() throws ExampleFailure {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new ExampleFailure(ExampleFailure.CHECK_FAILED,
                        "timed out after " + settings.timeout().toSeconds() + " s");
            }
            return left;
        }

        /** The token's {@code sub}, read without verifying: only the server can, and will, verify it. */
        private static String subject(String token, String variable) throws ExampleFailure {
            try {
                String sub = JWT.decode(token).getSubject();
                if (sub == null || sub.isBlank()) {
                    throw new ExampleFailure(ExampleFailure.USAGE, variable + " has no 'sub' claim");
                }
                return sub;
            } catch (JWTDecodeException e) {
                throw new ExampleFailure(ExampleFailure.USAGE, variable + " is not a JWT: " + e.getMessage());
            }
        }
    }
}
