/**
 * {@code chat-harness check}: a deployment doctor that in seconds tries what real Socket.IO deployments get wrong
 * between the client and the server (TLS trust, the proxy's upgrade, sticky sessions, a shared adapter, the socket
 * path behind a prefix, the Origin, the server's clock) and names each fault it sees with its cause and its fix.
 * {@link dev.chatharness.conformance.doctor.DeploymentDoctor} runs the probes; a
 * {@link dev.chatharness.conformance.doctor.Diagnosis} is their verdicts.
 */
package dev.chatharness.conformance.doctor;
