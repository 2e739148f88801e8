/** The server's immutable, validated configuration. */
package dev.chatharness.server.config;
