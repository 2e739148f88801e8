package dev.chatharness.server.support;

/** How the Java client reaches the server. */
public enum Transport {
    WEBSOCKET(new String[] {"websocket"}),
    POLLING(new String[] {"polling"}),
    POLLING_THEN_UPGRADE(new String[] {"polling", "websocket"});

    final String[] names;

    Transport(String[] names) {
        this.names = names;
    }
}
