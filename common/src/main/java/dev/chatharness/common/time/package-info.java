/**
 * The one duration grammar of chat-harness ({@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h}, {@code 2d},
 * ISO-8601 {@code PT15S}), read the same way by target profiles, the command line and the load settings.
 */
package dev.chatharness.common.time;
