/**
 * What the conformance tests stand on: users and tokens (minted or pre-issued), a REST client that
 * validates every answer, Socket.IO test sockets that queue and validate every event, all reached
 * through the {@link dev.chatharness.conformance.harness.Target} each test receives.
 */
package dev.chatharness.conformance.harness;
