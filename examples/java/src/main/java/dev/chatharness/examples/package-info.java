/**
 * A Chat v2 client in Java on the official {@code io.socket:socket.io-client} 2.x: two users authenticate with a JWT
 * in the handshake auth payload, one creates a conversation over REST, both join its room with an ack, and every
 * room event ({@code message}, {@code typing}, {@code message-read}, {@code message-edited},
 * {@code message-deleted}) goes from one user to the other.
 *
 * <pre>{@code
 * export CHAT_TOKEN_A=$(./chat-harness token --secret S --tenant acme --user alice)
 * export CHAT_TOKEN_B=$(./chat-harness token --secret S --tenant acme --user bob)
 * java -cp ... dev.chatharness.examples.ChatClientExample --url http://127.0.0.1:8080
 * }</pre>
 *
 * {@link dev.chatharness.examples.ChatClientExample} is the flow, {@code ChatConnection} one user's socket,
 * {@code ChatRest} the REST calls.
 */
package dev.chatharness.examples;
