/** JSON mapping shared by REST and Socket.IO, and validation of incoming payloads. */
package dev.chatharness.server.json;
