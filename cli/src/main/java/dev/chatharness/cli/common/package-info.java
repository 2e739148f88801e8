/**
 * What several commands share: the target and secret options ({@code TargetOptions}, {@code SecretSource}), how a
 * command prints ({@code OutputOptions}), the duration converter, the check of pre-issued tokens, and the usage
 * error.
 */
package dev.chatharness.cli.common;
