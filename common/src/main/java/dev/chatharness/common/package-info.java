/**
 * What every module of chat-harness agrees on, kept in one place: the duration grammar
 * ({@link dev.chatharness.common.time}), the HS256 token minter ({@link dev.chatharness.common.token}), how to reach a target behind TLS and a
 * gateway ({@link dev.chatharness.common.net}) and the
 * exit codes ({@link dev.chatharness.common.exit}). It depends on no other module of ours.
 */
package dev.chatharness.common;
