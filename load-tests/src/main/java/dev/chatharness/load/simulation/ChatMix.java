package dev.chatharness.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import dev.chatharness.load.LoadOptions;
import dev.chatharness.load.fanout.MemberState;
import dev.chatharness.load.setup.Member;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import java.util.Map;

/**
 * A realistic mix on R rooms of M members. Every slot of a member's open-model schedule (rate / (R x M) a second)
 * becomes one action: 60% {@code message} (fan-out measured as in {@link FanOut}), 20% {@code typing},
 * 10% {@code message-read} of the last message received, 5% {@code presence-update}, 5% a REST read of the
 * room's recent messages. The choice is a fixed function of (member, slot), so two runs do the same thing.
 */
public final class ChatMix extends ChatSimulation {

    static final String NAME = "chat-mix";
    private static final String KIND = "mixKind";
    private static final String[] STATUSES = {"online", "away", "busy"};

    enum Kind { MESSAGE, TYPING, READ, PRESENCE, REST }

    public ChatMix() {
        LoadOptions c = run.options();
        ChainBuilder act = exec(session -> session.set(KIND, pick(session)))
                .doIf(s -> s.get(KIND) == Kind.MESSAGE).then(exec(ws("message").sendText(s -> state(s).sendMessage(
                        run.intendedSendMillis(member(s), state(s).sendCount()), run.now(), c.bodySize()))))
                .doIf(s -> s.get(KIND) == Kind.TYPING).then(exec(ws("typing").sendText(s -> state(s).sendAction(
                        "typing", Map.of("conversationId", member(s).conversationId(),
                                "isTyping", state(s).sendCount() % 2 == 0), run.now()))))
                .doIf(s -> s.get(KIND) == Kind.READ).then(exec(ws("message-read").sendText(s -> state(s).sendAction(
                        "message-read", Map.of("conversationId", member(s).conversationId(),
                                "messageId", state(s).lastMessageId()), run.now()))))
                .doIf(s -> s.get(KIND) == Kind.PRESENCE).then(exec(ws("presence-update").sendText(s -> state(s)
                        .sendAction("presence-update", Map.of("status",
                                STATUSES[(int) (state(s).sendCount() % STATUSES.length)]), run.now()))))
                .doIf(s -> s.get(KIND) == Kind.REST).then(exec(session -> {
                    state(session).skipSlot();
                    return session;
                }).exec(http("GET messages")
                        .get(s -> "/api/v2/conversations/" + member(s).conversationId() + "/messages?limit=20")
                        .header("Authorization", s -> "Bearer " + member(s).token())
                        .check(status().is(200))));

        ScenarioBuilder mix = scenario(NAME)
                .exec(GatlingBridge.capture((clock, stats) -> run.attach(clock, stats, NAME)))
                .feed(run.feeder())
                .exec(SocketIoChains.connect(run, true))
                .exec(SocketIoChains.awaitSendPhase(run))
                .exec(SocketIoChains.sendLoop(run, act))
                .exec(SocketIoChains.listenUntil(run, LoadRun::listenEnd))
                .exec(SocketIoChains.close());
        setUp(mix.injectOpen(run.arrivals().steps()))
                .protocols(protocol())
                .maxDuration(maxDuration());
    }

    /** The action of this member's current slot; a read receipt needs a received message, else it sends one. */
    static Kind pick(Session session) {
        Member m = member(session);
        long slot = state(session).sendCount();
        long h = (m.globalIndex() * 0x9E3779B97F4A7C15L) ^ (slot * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        int roll = (int) Math.floorMod(h, 100L);
        Kind kind = roll < 60 ? Kind.MESSAGE : roll < 80 ? Kind.TYPING : roll < 90 ? Kind.READ
                : roll < 95 ? Kind.PRESENCE : Kind.REST;
        return kind == Kind.READ && state(session).lastMessageId() == null ? Kind.MESSAGE : kind;
    }

    private static Member member(Session s) {
        return SocketIoChains.member(s);
    }

    private static MemberState state(Session s) {
        return SocketIoChains.state(s);
    }
}
