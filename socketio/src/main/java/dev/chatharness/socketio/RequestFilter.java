package dev.chatharness.socketio;

/**
 * Decides whether an Engine.IO handshake may open a session. Runs once per session, on the polling GET that opens it
 * or on the WebSocket upgrade request that opens it; never on later requests of an open session. A refusal answers
 * HTTP 403 {@code {"code":4,"message":"Forbidden"}} and creates no session (the cross-site WebSocket hijacking check of
 * the contract is such a filter on the {@code Origin} header).
 */
@FunctionalInterface
public interface RequestFilter {
    RequestFilter ALLOW_ALL = request -> true;

    boolean allow(HandshakeRequest request);
}
