/** JWT verification (HS256, optionally RS256) shared by the Socket.IO handshake and REST, and a token minter. */
package dev.chatharness.server.auth;
