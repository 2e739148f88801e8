/** Messages, receipts and deletions: seq ordering, idempotency, authorship. */
package dev.chatharness.server.message;
