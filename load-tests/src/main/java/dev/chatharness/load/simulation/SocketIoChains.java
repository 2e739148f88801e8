package dev.chatharness.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.ws;

import dev.chatharness.load.fanout.MemberState;
import dev.chatharness.load.setup.Member;
import dev.chatharness.load.socketio.SocketIoCodec;
import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The Socket.IO steps every scenario shares, as Gatling chains.
 *
 * <p>Two rules of Gatling's WebSocket support shape them. A frame that arrives while a check is pending and does
 * not match it is dropped, so checks are used only before the measured phase (Engine.IO open, Socket.IO connect,
 * join), when no message can be in flight. And every {@code sendText} clears the buffer of unmatched frames, so
 * the measured phase always drains that buffer ({@link #drain}) in the action right before a send: a user's
 * actions and its socket's frames run on the same event loop, so nothing can slip in between.
 */
final class SocketIoChains {

    /** The Engine.IO WebSocket of the run's socket path (a client's path option, absolute on the host). */
    static String engineWebSocket(LoadRun run) {
        return run.options().socketPath() + "?EIO=4&transport=websocket";
    }
    private static final Duration IDLE_PAUSE = Duration.ofMillis(100);
    /**
     * Longest pause of a sender between two slots of its schedule. Draining later changes no latency (each frame
     * carries the time Gatling received it) but puts deliveries in the histogram's one-second intervals later;
     * draining often costs a wake-up per socket (an action chain and a timer on its event loop), which on 1,000
     * sockets every 100 ms is 10,000 wake-ups a second whatever the rate. Half a second bounds both.
     */
    private static final Duration SEND_LOOP_PAUSE = Duration.ofMillis(500);

    private SocketIoChains() {
    }

    static Member member(Session session) {
        return session.get(Keys.MEMBER);
    }

    static MemberState state(Session session) {
        return session.get(Keys.STATE);
    }

    /**
     * Engine.IO open, Socket.IO connect with {@code {"token": jwt}}, and (when {@code join}) join-conversation,
     * each checked. A user that fails any of them is counted and leaves the run.
     */
    static ChainBuilder connect(LoadRun run, boolean join) {
        Duration timeout = run.options().connectTimeout();
        ChainBuilder chain = exec(session -> {
            run.userStarted();
            return session.set(Keys.CONNECT_START, run.now());
        })
                .exec(ws("engine.io open").connect(engineWebSocket(run))
                        .await(timeout).on(ws.checkTextMessage("engine.io open").check(regex("^0\\{").exists())))
                .exec(ws("socket.io connect").sendText(s -> SocketIoCodec.connect(member(s).token()))
                        .await(timeout).on(ws.checkTextMessage("socket.io connect")
                                .matching(regex("^4[04]").exists())
                                .check(regex("^(40)").exists())))
                .exec(session -> {
                    if (session.isFailed()) {
                        run.recorder().connectFailed();
                        return session;
                    }
                    Member m = member(session);
                    run.recorder().connected(run.now() - session.getLong(Keys.CONNECT_START));
                    return session.set(Keys.STATE, new MemberState(run.recorder(), run.timings(), m.room(),
                            m.conversationId(), run::measureStart));
                })
                .exitHereIfFailed();
        if (!join) {
            return chain;
        }
        return chain
                .exec(ws("join-conversation").sendText(s -> SocketIoCodec.event(0, "join-conversation",
                                Map.of("conversationId", member(s).conversationId())))
                        .await(timeout).on(ws.checkTextMessage("join-conversation ack")
                                .matching(regex("^430").exists())
                                .check(regex("\"ok\"\\s*:\\s*true").exists())))
                .exec(session -> {
                    if (session.isFailed()) {
                        run.recorder().connectFailed();
                        return session;
                    }
                    return run.tryJoin(member(session).room()) ? session : session.markAsFailed();
                })
                .doIf(Session::isFailed).then(exec(ws("close").close()))
                .exitHereIfFailed();
    }

    /** Waits (draining) until every socket has joined or the connect phase is over. */
    static ChainBuilder awaitSendPhase(LoadRun run) {
        return asLongAs(s -> !run.sendPhaseStarted()).on(drain(run).pause(Duration.ofMillis(20)));
    }

    /** Hands every buffered frame, with its receipt time, to the user's state. */
    static ChainBuilder drain(LoadRun run) {
        return exec(ws.processUnmatchedMessages((List<WsInboundMessage> frames, Session session) -> {
            MemberState state = state(session);
            for (WsInboundMessage frame : frames) {
                if (frame instanceof WsInboundMessage.Text text) {
                    state.onFrame(text.message(), text.timestamp());
                }
            }
            return session;
        }));
    }

    /** Keeps draining until {@code until} (Gatling-clock millis) has passed. */
    static ChainBuilder listenUntil(LoadRun run, ToLongFunction<LoadRun> until) {
        return asLongAs(s -> run.now() < until.applyAsLong(run))
                .on(drain(run).pause(s -> pauseUntil(run, until.applyAsLong(run))))
                .exec(drain(run));
    }

    /** Waits until {@code until} in one pause, reading nothing: for sockets whose frames are not buffered. */
    static ChainBuilder holdUntil(LoadRun run, ToLongFunction<LoadRun> until) {
        return pause(s -> Duration.ofMillis(Math.max(0, until.applyAsLong(run) - run.now())));
    }

    /** Closes the socket after counting unacknowledged messages. */
    static ChainBuilder close() {
        return exec(session -> {
            MemberState state = session.contains(Keys.STATE) ? state(session) : null;
            if (state != null) {
                state.close();
            }
            return session;
        }).exec(ws("close").close());
    }

    static Duration pauseUntil(LoadRun run, long targetMillis) {
        return pauseUntil(run, targetMillis, IDLE_PAUSE);
    }

    static Duration pauseUntil(LoadRun run, long targetMillis, Duration idle) {
        long wait = targetMillis - run.now();
        return wait <= 0 ? Duration.ZERO : Duration.ofMillis(Math.min(wait, idle.toMillis()));
    }

    /** The send-phase loop of a member: drain, act when the next slot of the schedule is due, pause. */
    static ChainBuilder sendLoop(LoadRun run, ChainBuilder act) {
        return asLongAs(s -> run.now() < run.sendEnd()).on(
                drain(run)
                        .doIf(s -> due(run, s)).then(act)
                        .pause(s -> pauseUntil(run, Math.min(run.intendedSendMillis(member(s), state(s).sendCount()),
                                run.sendEnd()), SEND_LOOP_PAUSE)));
    }

    /** True when this member's next slot is due and still inside the send phase. */
    static boolean due(LoadRun run, Session session) {
        long intended = run.intendedSendMillis(member(session), state(session).sendCount());
        return intended <= run.now() && intended < run.sendEnd();
    }
}
