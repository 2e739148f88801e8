package dev.chatharness.socketio.engine;

/**
 * What a test may need to know of a session's polling state to make a race deterministic: e.g. that the first GET
 * really waits at the server before the second one is sent.
 */
public final class SessionState {
    private SessionState() {
    }

    public static boolean waitingPoll(EngineServer server, String sid) {
        return server.session(sid).map(s -> s.polling.hasWaitingPoll()).orElse(false);
    }

    public static boolean postUnderWay(EngineServer server, String sid) {
        return server.session(sid).map(s -> s.polling.hasPostUnderWay()).orElse(false);
    }
}
