package dev.chatharness.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.common.token.TokenMinter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.core.ConditionTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Several users of two tenants chatting in four conversations: each user sends over its own socket (one message at a
 * time, waiting for the ack), and one user per tenant also posts over REST. Every ok answer is recorded in
 * {@link #acked()}; what the server stored must include all of it, whatever happens to the server meanwhile.
 */
public final class ChatTraffic implements AutoCloseable {
    private static final Duration TTL = Duration.ofHours(1);

    /** One user: its id and token. */
    public record User(String tenant, String id, String token) {
    }

    /** One conversation and its participants. */
    public record Conversation(String id, List<User> participants) {
    }

    private final List<User> users = new ArrayList<>();
    private final List<Conversation> conversations = new ArrayList<>();
    private final ConcurrentLinkedQueue<AckedMessage> acked = new ConcurrentLinkedQueue<>();
    private final Map<String, String> socketEnds = new ConcurrentHashMap<>();
    private final Set<LiveSocket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Thread> senders = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger unanswered = new AtomicInteger();
    /** Acks being waited for; {@link #stop()} fails them so that no sender waits on a server that is gone. */
    private final Set<CompletableFuture<JsonNode>> pending = ConcurrentHashMap.newKeySet();

    /** Creates two tenants of three users and two conversations per tenant over REST. */
    public ChatTraffic(String baseUrl, String secret) {
        Rest rest = new Rest(baseUrl);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String tenant : List.of("acme-" + run, "globex-" + run)) {
            List<User> members = new ArrayList<>();
            for (String name : List.of("alice", "bob", "carol")) {
                User u = new User(tenant, name, new TokenMinter(secret).token(tenant, name, TTL));
                members.add(u);
                users.add(u);
            }
            for (int i = 0; i < 2; i++) {
                String id = rest.createConversation(members.get(0).token(),
                        List.of(members.get(1).id(), members.get(2).id()));
                conversations.add(new Conversation(id, List.copyOf(members)));
            }
        }
    }

    public List<User> users() {
        return List.copyOf(users);
    }

    public List<Conversation> conversations() {
        return List.copyOf(conversations);
    }

    /** Connects every user, joins its conversations and starts sending until {@link #stop()} or a failure. */
    public void start(String baseUrl) {
        for (User user : users) {
            LiveSocket socket = LiveSocket.connect(baseUrl, user.token());
            sockets.add(socket);
            List<Conversation> mine = conversations.stream().filter(c -> c.participants().contains(user)).toList();
            mine.forEach(c -> socket.ok("join-conversation", Map.of("conversationId", c.id())));
            senders.add(thread("socket-sender-" + user.tenant() + "-" + user.id(), () -> sendOverSocket(user, socket, mine)));
        }
        for (int t = 0; t < 2; t++) {
            User poster = users.get(t * 3 + 2);
            List<Conversation> mine = conversations.stream().filter(c -> c.participants().contains(poster)).toList();
            senders.add(thread("rest-sender-" + poster.tenant(), () -> sendOverRest(new Rest(baseUrl), poster, mine)));
        }
        senders.forEach(Thread::start);
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private void sendOverSocket(User user, LiveSocket socket, List<Conversation> mine) {
        for (long n = 0; !stopping.get(); n++) {
            Conversation c = mine.get((int) (n % mine.size()));
            String body = user.id() + " #" + n;
            JsonNode reply;
            CompletableFuture<JsonNode> ack = socket.emit("message", Map.of("conversationId", c.id(), "body", body,
                    "clientMessageId", user.id() + "-" + n));
            pending.add(ack);
            try {
                reply = ack.get(LiveSocket.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // No answer (the server went away): this one may or may not be stored; nothing more is sent.
                unanswered.incrementAndGet();
                socketEnds.put(user.tenant() + "/" + user.id(), "no ack: " + e);
                return;
            } finally {
                pending.remove(ack);
            }
            if (!reply.path("ok").asBoolean(false)) {
                socketEnds.put(user.tenant() + "/" + user.id(), "refused: " + reply);
                return;
            }
            JsonNode m = reply.get("data");
            acked.add(new AckedMessage(c.id(), m.get("id").asText(), m.get("seq").asLong(), m.get("body").asText(), "socket"));
        }
    }

    private void sendOverRest(Rest rest, User user, List<Conversation> mine) {
        for (long n = 0; !stopping.get(); n++) {
            Conversation c = mine.get((int) (n % mine.size()));
            String body = user.id() + " rest #" + n;
            Rest.Answer a;
            try {
                a = rest.call("POST", "/api/v2/conversations/" + c.id() + "/messages", user.token(),
                        Map.of("body", body, "clientMessageId", user.id() + "-rest-" + n));
            } catch (RuntimeException e) {
                unanswered.incrementAndGet();
                return;
            }
            if (a.status() != 201) {
                socketEnds.put(user.tenant() + "/" + user.id() + " (REST)", "answered " + a.status() + " " + a.rawBody());
                return;
            }
            JsonNode m = a.body();
            acked.add(new AckedMessage(c.id(), m.get("id").asText(), m.get("seq").asLong(), m.get("body").asText(), "rest"));
        }
    }

    /** Waits until at least {@code count} messages were acked (the server is still being fed when this returns). */
    public void awaitAcked(int count, Duration within) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(10)).until(() -> acked.size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("only " + acked.size() + " of " + count + " messages acked within " + within
                    + "; senders that stopped: " + socketEnds, e);
        }
    }

    /** Sockets of the run, for tests that look at how they were disconnected. */
    public Set<LiveSocket> sockets() {
        return Set.copyOf(sockets);
    }

    public List<AckedMessage> acked() {
        return List.copyOf(acked);
    }

    /** Sends that got no answer at all (in flight when the server went away). */
    public int unanswered() {
        return unanswered.get();
    }

    /** Stops the senders: acks still awaited count as unanswered. */
    public void stop() {
        stopping.set(true);
        pending.forEach(f -> f.completeExceptionally(new IllegalStateException("traffic stopped before the ack")));
        for (Thread t : senders) {
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
        sockets.forEach(LiveSocket::close);
    }
}
