package dev.chatharness.conformance.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatharness.conformance.harness.ChatSocket;
import dev.chatharness.conformance.harness.ConnectOptions;
import dev.chatharness.conformance.harness.ConnectOutcome;
import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.Tenant;
import dev.chatharness.conformance.harness.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Two users with several sockets each, connected one after another through the same URL as separate clients, so
 * that a balancer spreads them over the nodes; then writes over REST (a conversation, messages), each of which every
 * socket must receive. A socket that misses what another got sits on a node the write never reached: the nodes
 * share no adapter.
 */
final class DeliveryProbe {

    static final int SOCKETS_PER_USER = 3;
    static final int MESSAGES = 3;
    static final String ADAPTER_FIX = "share events between the nodes with a Socket.IO adapter, every node on the "
            + "same one (the Redis adapter, @socket.io/redis-adapter, or the Postgres, MongoDB or cluster adapters).";

    private DeliveryProbe() {
    }

    static List<Verdict> run(Examination e, Tenant tenant) {
        User author = tenant.user(0);
        List<User> listeners = List.of(tenant.user(1), tenant.user(2));
        List<ChatSocket> sockets = new ArrayList<>();
        List<String> failedToConnect = new ArrayList<>();
        for (int i = 0; i < SOCKETS_PER_USER; i++) {
            for (User user : listeners) {
                ChatSocket socket = e.target.open(ConnectOptions.as(user).transports(e.workingTransports())
                        .upgrade(false));
                ConnectOutcome outcome = socket.outcome();
                switch (outcome.kind()) {
                    case CONNECTED -> sockets.add(socket);
                    case REFUSED -> {
                        return List.of(tokenRefused(e, outcome));
                    }
                    case TRANSPORT_ERROR, TIMEOUT -> failedToConnect.add(socket.label() + ": " + outcome.detail());
                }
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(Verdict.ok("token", "the target accepted " + (e.profile.mintsTokens()
                ? "tokens minted with the secret" : "the pre-issued tokens") + " on the Socket.IO handshake."));
        if (!failedToConnect.isEmpty()) {
            verdicts.add(Verdict.fault("sockets", Fault.SOCKETS_FAILED, failedToConnect.size() + " of "
                    + (SOCKETS_PER_USER * listeners.size()) + " sockets could not connect while the others did ("
                    + failedToConnect.get(0) + "): one node behind the balancer may be down or set up differently.",
                    "check every node answers the Socket.IO handshake on its own, and the balancer's health checks."));
            if (sockets.isEmpty()) {
                return verdicts;
            }
        }
        verdicts.add(deliveries(e, author, listeners, sockets));
        return verdicts;
    }

    private static Verdict deliveries(Examination e, User author, List<User> listeners, List<ChatSocket> sockets) {
        String conversation;
        List<String> bodies = new ArrayList<>();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        try {
            conversation = e.target.api().createConversation(author, "chat-harness check " + marker,
                    listeners.toArray(User[]::new)).path("id").asText();
        } catch (AssertionError | RuntimeException refused) {
            return Verdict.skipped("delivery", "could not create a conversation over REST: " + refused.getMessage());
        }
        int unknownHere = 0;
        for (ChatSocket socket : sockets) {
            try {
                JsonNode ack = socket.ack("join-conversation", Json.object("conversationId", conversation));
                if ("not_found".equals(ack.path("error").path("code").asText())) {
                    unknownHere++;
                }
            } catch (AssertionError noAck) {
                return Verdict.skipped("delivery", "a socket got no answer to join-conversation: " + noAck.getMessage());
            }
        }
        if (unknownHere > 0) {
            return Verdict.fault("delivery", Fault.NO_SHARED_STATE, unknownHere + " of " + sockets.size() + " sockets "
                    + "were told not_found when joining a conversation just created over REST: the nodes keep their "
                    + "data each to itself, so a user sees what one node stored and not what another did.",
                    "keep the data in one store every node uses (a database, Redis), not in each process's memory; "
                    + "then share events too: " + ADAPTER_FIX);
        }
        try {
            for (int m = 0; m < MESSAGES; m++) {
                String body = "chat-harness check " + marker + " #" + m;
                e.target.api().postMessage(author, conversation, body);
                bodies.add(body);
            }
        } catch (AssertionError | RuntimeException refused) {
            return Verdict.skipped("delivery", "could not post messages over REST: " + refused.getMessage());
        }
        long deadline = System.nanoTime() + Examination.DELIVERY_WAIT.toNanos();
        int expected = sockets.size() * (1 + bodies.size());
        int received = 0;
        int socketsMissing = 0;
        int socketsWithNothing = 0;
        for (ChatSocket socket : sockets) {
            int got = 0;
            if (await(socket, "conversation-created", p -> conversation.equals(p.path("id").asText()), deadline)) {
                got++;
            }
            for (String body : bodies) {
                if (await(socket, "message", p -> body.equals(p.path("body").asText()), deadline)) {
                    got++;
                }
            }
            received += got;
            socketsMissing += got < 1 + bodies.size() ? 1 : 0;
            socketsWithNothing += got == 0 ? 1 : 0;
        }
        String counts = received + " of " + expected + " deliveries (" + sockets.size() + " sockets of "
                + listeners.size() + " users, one conversation-created and " + bodies.size() + " messages written over "
                + "REST)";
        if (received == expected) {
            return Verdict.ok("delivery", "every socket received every REST write: " + counts + ".");
        }
        if (received == 0) {
            return Verdict.fault("delivery", Fault.REST_NOT_BROADCAST, "no socket received anything written over REST: "
                    + counts + " within " + Examination.DELIVERY_WAIT.toSeconds() + " s.", "broadcast REST writes to "
                    + "the conversation's room and the participants' sockets (contract §6.1, §6.2, §10.1); behind "
                    + "several nodes, " + ADAPTER_FIX);
        }
        return Verdict.fault("delivery", Fault.NO_SHARED_ADAPTER, socketsMissing + " of " + sockets.size()
                + " sockets missed writes that others received (" + counts + ", " + socketsWithNothing + " sockets got "
                + "none): a message handled by one node never reaches sockets connected to another.", ADAPTER_FIX);
    }

    private static boolean await(ChatSocket socket, String event, java.util.function.Predicate<JsonNode> match,
                                 long deadline) {
        try {
            socket.await(event, match, event, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            return true;
        } catch (AssertionError missing) {
            return false;
        }
    }

    private static Verdict tokenRefused(Examination e, ConnectOutcome outcome) {
        String skew = e.clockSkew.filter(s -> s.abs().compareTo(Duration.ofSeconds(2)) >= 0)
                .map(s -> " The server's clock is " + Math.abs(s.toSeconds()) + " s " + (s.isNegative() ? "behind"
                        : "ahead of") + " this machine's: fresh tokens may look issued in the future (iat, nbf) or "
                        + "expired to it.").orElse("");
        return Verdict.fault("token", Fault.TOKEN_REFUSED, "the target refused a valid token on the Socket.IO handshake "
                + "(" + Json.brief(outcome.payload()) + ")." + skew, skew.isEmpty()
                ? (e.profile.mintsTokens() ? "give the target's JWT secret, and --jwt-issuer/--jwt-audience if it "
                + "checks iss/aud." : "give pre-issued tokens of this target that have not expired.")
                : "synchronise the server's clock (NTP/chrony); then check the secret, issuer and audience.");
    }
}
