/**
 * Engine.IO 4 / Socket.IO 5 text framing for load-test virtual users: encode connect and events, decode frames
 * ({@code SocketIoCodec}), and read a delivered {@code message} event in place ({@code MessageFrameScanner}, the
 * per-delivery path).
 */
package dev.chatharness.load.socketio;
