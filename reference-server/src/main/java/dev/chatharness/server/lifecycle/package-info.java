/**
 * Starting and stopping the server: {@link dev.chatharness.server.lifecycle.Admission}, the gate a graceful shutdown
 * closes; {@link dev.chatharness.server.lifecycle.HttpDrain}, Jetty's part of it;
 * {@link dev.chatharness.server.lifecycle.AcceptQueue}, the listening socket's backlog.
 */
package dev.chatharness.server.lifecycle;
