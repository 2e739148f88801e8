package dev.chatharness.socketio.engine;

/** Thrown while validating an Engine.IO request; mapped to the reference server's JSON error in one place. */
final class EngineRequestException extends RuntimeException {
    final EngineError error;

    EngineRequestException(EngineError error) {
        super(error.message, null, false, false);
        this.error = error;
    }
}
