/** Thin Javalin handlers for {@code /api/v2} and {@code /health}; the only HTTP code outside the Socket.IO layer. */
package dev.chatharness.server.rest;
