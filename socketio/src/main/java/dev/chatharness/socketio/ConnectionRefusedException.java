package dev.chatharness.socketio;

/** Thrown by a {@link Middleware} to refuse a connection; {@code data} (may be null) is serialized with the mapper. */
public final class ConnectionRefusedException extends Exception {
    private final transient Object data;

    public ConnectionRefusedException(String message, Object data) {
        super(message, null, false, false);
        this.data = data;
    }

    public Object data() {
        return data;
    }
}
