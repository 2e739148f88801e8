package dev.chatharness.conformance.doctor;

import dev.chatharness.conformance.Feature;
import dev.chatharness.conformance.harness.RawEngineSocket;
import dev.chatharness.conformance.harness.TargetHttp;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each transport on its own (a long-polling handshake, a WebSocket straight away), then the upgrade from one to the
 * other. When neither answers at the socket path, the paths a prefix would put it at are tried, to tell a wrong
 * socket path from a proxy that routes no Socket.IO at all.
 */
final class TransportProbe {

    static final String PROXY_UPGRADE_FIX = "make the proxy pass the upgrade: HTTP/1.1 to the server and the "
            + "`Upgrade` and `Connection` headers forwarded (nginx: proxy_http_version 1.1; proxy_set_header Upgrade "
            + "$http_upgrade; proxy_set_header Connection \"upgrade\"; a load balancer: enable WebSocket).";

    private TransportProbe() {
    }

    static List<Verdict> run(Examination e) {
        List<Verdict> verdicts = new ArrayList<>();
        EngineAnswer polling = EngineAnswer.handshake(e.http.anotherClient(), Map.of());
        WebSocketAnswer websocket = WebSocketAnswer.open(e.http.anotherClient());
        e.pollingWorks = polling.opened();
        e.websocketWorks = websocket.opened();
        String path = e.http.socketPath();
        if (!e.pollingWorks && !e.websocketWorks) {
            verdicts.add(whereIsSocketIo(e, polling, websocket));
            return verdicts;
        }
        if (e.pollingWorks) {
            verdicts.add(Verdict.ok("polling", "the long-polling handshake at " + path + " opened a session."));
        } else if (e.profile.unsupported().contains(Feature.POLLING)) {
            verdicts.add(Verdict.skipped("polling", "the profile declares long-polling unsupported."));
        } else {
            verdicts.add(Verdict.fault("polling", Fault.POLLING_REFUSED, "WebSocket works but the long-polling "
                    + "handshake at " + path + " got " + polling.describe() + ": clients that start with polling (the "
                    + "default of every Socket.IO client) cannot connect.", polling.engineError()
                    ? "enable the polling transport on the server (transports: ['polling', 'websocket'])."
                    : "let the proxy pass GET and POST of " + path + " to the server, not only WebSocket upgrades."));
        }
        if (e.websocketWorks) {
            verdicts.add(Verdict.ok("websocket", "a WebSocket to " + path + " got the Engine.IO open packet."));
        } else if (!polling.open().map(o -> o.path("upgrades").toString().contains("websocket")).orElse(true)) {
            verdicts.add(Verdict.skipped("websocket", "the server offers no upgrade (upgrades: "
                    + polling.open().get().path("upgrades") + "): it runs with long-polling only."));
        } else {
            verdicts.add(Verdict.fault("websocket", Fault.UPGRADE_REFUSED, "long-polling works, but the WebSocket "
                    + "handshake at " + path + " was refused by something in front of the server (" + websocket.describe()
                    + "): clients stay on long-polling without a word, and clients set to WebSocket only fail.",
                    PROXY_UPGRADE_FIX));
        }
        if (e.pollingWorks && e.websocketWorks) {
            verdicts.add(upgrade(e));
        }
        return verdicts;
    }

    /** Polling, then the same session's WebSocket with the probe exchange, as every client upgrades. */
    private static Verdict upgrade(Examination e) {
        TargetHttp client = e.http.anotherClient(); // one browser: its cookies hold a sticky balancer to one node
        EngineAnswer session = EngineAnswer.handshake(client, Map.of());
        if (!session.opened()) {
            return Verdict.skipped("upgrade", "a second polling handshake failed: " + session.describe());
        }
        WebSocketAnswer socket = WebSocketAnswer.open(client, "EIO=4&transport=websocket&sid=" + session.sid());
        if (!socket.connected()) {
            if (EngineAnswer.sessionUnknown(socket.status(), socket.body())) {
                return Verdict.fault("upgrade", Fault.NO_STICKY_SESSIONS, "the upgrade of a polling session to "
                        + "WebSocket reached a node that does not know the session (" + socket.describe() + ").",
                        StickinessProbe.FIX);
            }
            return Verdict.fault("upgrade", Fault.UPGRADE_FAILED, "a polling session could not upgrade to WebSocket ("
                    + socket.describe() + ").", PROXY_UPGRADE_FIX);
        }
        try (RawEngineSocket raw = socket.socket()) {
            raw.send("2probe");
            String answer = raw.until("3probe"::equals, Examination.REQUEST_TIMEOUT);
            if (!"3probe".equals(answer)) {
                return Verdict.fault("upgrade", Fault.UPGRADE_FAILED, "the WebSocket of a polling session did not answer "
                        + "the upgrade probe (got " + (answer == null ? "nothing" : answer) + ").", PROXY_UPGRADE_FIX);
            }
            raw.send("5");
            return Verdict.ok("upgrade", "a long-polling session upgraded to WebSocket.");
        }
    }

    /** Neither transport answered: is Socket.IO somewhere else (a path prefix), or not routed at all? */
    private static Verdict whereIsSocketIo(Examination e, EngineAnswer polling, WebSocketAnswer websocket) {
        String configured = e.http.socketPath();
        Set<String> candidates = new LinkedHashSet<>();
        String prefix = e.profile.target().getRawPath();
        if (prefix != null && !prefix.isEmpty() && !prefix.equals("/")) {
            candidates.add(prefix.replaceAll("/+$", "") + "/socket.io/");
        }
        candidates.add("/socket.io/");
        candidates.remove(configured);
        for (String candidate : candidates) {
            if (EngineAnswer.handshake(e.http.atSocketPath(candidate).anotherClient(), Map.of()).opened()) {
                boolean prefixed = prefix != null && !prefix.isEmpty() && !prefix.equals("/");
                return Verdict.fault("socket-path", Fault.WRONG_SOCKET_PATH, "Socket.IO answers at " + candidate
                        + ", not at " + configured + " (" + polling.describe() + "): a client's path option must name"
                        + " where the server's Socket.IO endpoint is, or its handshake misses it" + (prefixed
                        ? " (behind a path prefix, a client given the URL " + e.profile.target() + " takes " + prefix
                        + " for a namespace)." : "."),
                        "use --socket-path " + candidate + " (socketPath in the profile), and in clients io(\""
                        + e.profile.target().getScheme() + "://" + e.profile.target().getRawAuthority()
                        + "\", { path: \"" + candidate + "\" }).");
            }
        }
        return Verdict.fault("socket-path", Fault.NO_SOCKETIO_ENDPOINT, "no Socket.IO server answers at " + configured
                + " (long-polling: " + polling.describe() + "; WebSocket: " + websocket.describe() + ").",
                "route " + configured + " to the server in the proxy, or give the right path with --socket-path.");
    }

    /** A WebSocket opened at the Engine.IO endpoint, and how it went. */
    record WebSocketAnswer(RawEngineSocket socket, int status, String body, String failure, boolean opened) {

        static WebSocketAnswer open(TargetHttp client) {
            WebSocketAnswer answer = open(client, "EIO=4&transport=websocket");
            if (answer.socket() != null) {
                String first = answer.socket().next(Examination.REQUEST_TIMEOUT);
                answer.socket().close();
                boolean opened = first != null && first.startsWith("0{");
                return new WebSocketAnswer(null, 0, "", opened ? "" : "first frame " + first, opened);
            }
            return answer;
        }

        static WebSocketAnswer open(TargetHttp client, String query) {
            try {
                return new WebSocketAnswer(RawEngineSocket.open(client, client.engineWebSocket(query),
                        Examination.REQUEST_TIMEOUT), 101, "", "", true);
            } catch (AssertionError refused) {
                if (refused.getCause() instanceof WebSocketHandshakeException handshake) {
                    Object body = handshake.getResponse().body();
                    String text = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                            : body == null ? "" : String.valueOf(body);
                    return new WebSocketAnswer(null, handshake.getResponse().statusCode(), text, "", false);
                }
                return new WebSocketAnswer(null, 0, "", String.valueOf(refused.getCause()), false);
            }
        }

        boolean connected() {
            return socket != null;
        }

        String describe() {
            if (!failure.isEmpty()) {
                return failure;
            }
            return "HTTP " + status + (body.isEmpty() ? "" : " " + Examination.brief(body));
        }
    }
}
