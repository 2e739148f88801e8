/**
 * The Chat v2 events on the Socket.IO layer: handshake authentication, Origin allow-list, thin event handlers,
 * the ack envelope and error event, rooms and broadcasts, token-expiry disconnects.
 */
package dev.chatharness.server.realtime;
