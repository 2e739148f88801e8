/**
 * Deliberate defects for the conformance suite's self-test; see {@link dev.chatharness.server.faults.Fault}.
 */
package dev.chatharness.server.faults;
