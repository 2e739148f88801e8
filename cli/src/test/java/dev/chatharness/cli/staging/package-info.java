/**
 * The harness pointed at a staging-like deployment that the build starts from real parts: Debian's nginx with TLS
 * (a CA and a certificate made at test time) and a gateway header, in front of one or two Chat v2 nodes, in a good
 * configuration and in each classic broken one. {@code check} must name every fault and pass the good one; the
 * conformance suite and a short load run must pass through TLS with {@code --ca-cert}.
 */
package dev.chatharness.cli.staging;
