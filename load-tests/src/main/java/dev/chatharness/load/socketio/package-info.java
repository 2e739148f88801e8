/** Engine.IO 4 / Socket.IO 5 text framing for load-test virtual users: encode connect and events, decode frames. */
package dev.chatharness.load.socketio;
