/**
 * The Chat v2 reference server. Start it with {@link dev.chatharness.server.ChatServer#start}; features live in
 * sub-packages ({@code auth}, {@code conversation}, {@code message}, {@code presence}, {@code ratelimit}), the
 * web edges in {@code rest} and {@code realtime}, SQL plumbing in {@code storage}.
 */
package dev.chatharness.server;
