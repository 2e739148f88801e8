/** {@code serve}: the reference server (or the bare Socket.IO protocol-echo server) in the foreground. */
package dev.chatharness.cli.serve;
