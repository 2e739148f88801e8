/**
 * One exception type per failure kind of the contract ({@link dev.chatharness.server.error.ErrorCode}); mapped to
 * REST responses and socket acks in one place each.
 */
package dev.chatharness.server.error;
