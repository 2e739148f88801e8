/**
 * {@code check}: the seconds-long deployment doctor, run before a long run or after a deployment changed; its probes
 * live in {@link dev.chatharness.conformance.doctor}.
 */
package dev.chatharness.cli.check;
