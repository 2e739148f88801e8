/** Setting a run up on the target: tokens (minted or read from a file), rooms created over REST, health check. */
package dev.chatharness.load.setup;
