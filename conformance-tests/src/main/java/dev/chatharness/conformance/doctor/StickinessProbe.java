package dev.chatharness.conformance.doctor;

import dev.chatharness.conformance.harness.Json;
import dev.chatharness.conformance.harness.TargetHttp;
import dev.chatharness.conformance.harness.User;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several long-polling sessions, each from a client of its own (its own cookies, as separate browsers), each made
 * of several requests: a balancer that spreads one session's requests over several nodes shows as
 * {@code 400 Session ID unknown} on one of them. Every request of a session is answered at once (a CONNECT, then an
 * event with an ack), so no long-poll waits for the server's ping.
 */
final class StickinessProbe {

    static final String FIX = "turn on sticky sessions in the balancer (nginx: ip_hash, or a hash on a cookie; "
            + "HAProxy: cookie SERVERID insert; cloud load balancers: session affinity), so that every request of a "
            + "session reaches the node that opened it; or have clients use WebSocket only (transports: ['websocket']).";
    static final int SESSIONS = 4;

    private StickinessProbe() {
    }

    static List<Verdict> run(Examination e, User user) {
        if (!e.pollingWorks) {
            return List.of(Verdict.skipped("sticky-sessions", "needs long-polling, which does not work here."));
        }
        int lost = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            String problem = session(e.http.anotherClient(), user, e.target.namespacePrefix());
            if (problem != null) {
                problems.add(problem);
                if (problem.startsWith("lost")) {
                    lost++;
                }
            }
        }
        if (lost > 0) {
            return List.of(Verdict.fault("sticky-sessions", Fault.NO_STICKY_SESSIONS, lost + " of " + SESSIONS
                    + " long-polling sessions were unknown to the node that got one of their later requests (400 "
                    + "Session ID unknown): the balancer spreads the requests of one session over several nodes, so "
                    + "polling clients, and every client while it upgrades, lose their connection.", FIX));
        }
        if (!problems.isEmpty()) {
            return List.of(Verdict.skipped("sticky-sessions", "the polling sessions failed otherwise: "
                    + problems.get(0)));
        }
        return List.of(Verdict.ok("sticky-sessions", SESSIONS + " long-polling sessions of 5 requests each stayed "
                + "with their node."));
    }

    /** One session; null when every request found it, else what went wrong ("lost ..." for a misrouted request). */
    private static String session(TargetHttp client, User user, String namespace) {
        EngineAnswer open = EngineAnswer.handshake(client, Map.of());
        if (!open.opened()) {
            return "handshake: " + open.describe();
        }
        URI session = client.engine("EIO=4&transport=polling&sid=" + open.sid());
        String[][] steps = {
            {"POST", "40" + namespace + Json.object("token", user.token())},
            {"GET", null, "40"},
            {"POST", "42" + namespace + "1" + Json.MAPPER.createArrayNode().add("leave-conversation")
                    .add(Json.object("conversationId", "chat-harness-check"))},
            {"GET", null, "43" + namespace + "1["},
        };
        try {
            for (String[] step : steps) {
                HttpResponse<String> answer = Examination.send(client, step[0], session, step[1], Map.of());
                if (EngineAnswer.sessionUnknown(answer.statusCode(), answer.body())) {
                    return "lost: " + step[0] + " answered " + answer.statusCode() + " " + Examination.brief(answer.body());
                }
                if (answer.statusCode() != 200) {
                    return step[0] + " answered " + answer.statusCode() + " " + Examination.brief(answer.body());
                }
                if (step.length > 2 && !answer.body().contains(step[2])) {
                    return step[0] + " answered '" + Examination.brief(answer.body()) + "', expected " + step[2];
                }
            }
            Examination.send(client, "POST", session, "1", Map.of()); // close the session politely
            return null;
        } catch (UncheckedIOException failure) {
            return "request failed: " + failure.getCause();
        }
    }
}
