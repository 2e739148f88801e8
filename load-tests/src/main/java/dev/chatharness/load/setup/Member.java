package dev.chatharness.load.setup;

/**
 * One virtual user of a room: {@code globalIndex} is {@code room * members + member}, unique in the whole run
 * (across shards), and keys the send schedule so every member's sends are spread evenly.
 */
public record Member(int room, int member, int globalIndex, String userId, String token, String conversationId) {
}
