/** The port through which services announce what happened; implemented by the realtime layer. */
package dev.chatharness.server.event;
