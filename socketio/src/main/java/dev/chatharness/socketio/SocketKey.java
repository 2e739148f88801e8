package dev.chatharness.socketio;

import java.util.Objects;

/**
 * A typed key for what an application attaches to a socket, e.g. the authenticated user: set by a middleware,
 * read back by the handlers with its type, without a cast. Keys are compared by identity: declare each once, as a
 * constant.
 *
 * <pre>{@code
 * static final SocketKey<User> USER = SocketKey.of("user", User.class);
 * namespace.use(socket -> socket.set(USER, authenticate(socket.handshake())));
 * namespace.onConnection(socket -> greet(socket.require(USER)));
 * }</pre>
 *
 * @param <T> the type of the attached value
 */
public final class SocketKey<T> {
    private final String name;
    private final Class<T> type;

    private SocketKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A new key; {@code name} only serves messages and logs. */
    public static <T> SocketKey<T> of(String name, Class<T> type) {
        return new SocketKey<>(name, type);
    }

    public String name() {
        return name;
    }

    /** Checked: a value of another type can only come from outside the typed API. */
    T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "SocketKey[" + name + ": " + type.getSimpleName() + "]";
    }
}
