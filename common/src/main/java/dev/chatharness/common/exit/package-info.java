/**
 * The exit codes of chat-harness, with their meanings, and the one failure the runners and the command line
 * share (the target unreachable). The command line documents and returns exactly these.
 */
package dev.chatharness.common.exit;
