/**
 * Mints the contract's HS256 tokens from a shared secret: valid ones for the suites, the load tests, the
 * {@code token} command and the server's tests, and correctly signed ones with one deliberate defect for the
 * authentication checks.
 */
package dev.chatharness.common.token;
