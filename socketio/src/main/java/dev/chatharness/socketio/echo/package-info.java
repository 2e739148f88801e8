/**
 * The protocol-echo app: the server the official Socket.IO and Engine.IO protocol test suites expect, built on this
 * layer, so the layer can be checked against those suites ({@code ./chat-harness serve --protocol-echo}).
 */
package dev.chatharness.socketio.echo;
