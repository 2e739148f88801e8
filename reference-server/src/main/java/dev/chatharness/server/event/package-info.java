/**
 * The ports through which services announce what happened, implemented by the realtime layer: {@link
 * dev.chatharness.server.event.ChatEvents} at once, or an {@link dev.chatharness.server.event.EventBatch} under a
 * conversation's lock, sent on once the lock is released.
 */
package dev.chatharness.server.event;
