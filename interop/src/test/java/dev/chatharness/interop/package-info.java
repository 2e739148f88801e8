/**
 * The harness proven on servers it did not write: {@link dev.chatharness.interop.ForeignTarget} starts the independent
 * servers of {@code interop/}, {@link dev.chatharness.interop.InteropMatrixTest} runs what a user runs against each
 * (target x part, written to {@code target/interop-matrix.md}), and
 * {@link dev.chatharness.interop.NodeFaultsAreCaughtTest} measures the suite's mutation score on the Node server's own
 * fault switches.
 */
package dev.chatharness.interop;
