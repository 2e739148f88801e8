package dev.chatharness.server.event;

/** Opens {@link EventBatch}es; implemented by the realtime layer next to {@link ChatEvents}. */
@FunctionalInterface
public interface EventBatches {
    EventBatch open();
}
