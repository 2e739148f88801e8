/**
 * The ceiling server of the benchmarks: the thinnest Chat v2 server the project's own {@code load fanout} and
 * {@code load connections} run against unchanged, on the same Socket.IO layer as the reference server but with
 * nothing behind it (messages kept in memory, no rate limit, no presence). What it sustains on a machine is what
 * that machine allows a JVM server on this layer; the reference server is measured against it in the same run.
 */
package dev.chatharness.load.ceiling;
