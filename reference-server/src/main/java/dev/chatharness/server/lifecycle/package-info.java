/** Starting and stopping the server: {@link dev.chatharness.server.lifecycle.Admission}, the gate a graceful shutdown closes. */
package dev.chatharness.server.lifecycle;
