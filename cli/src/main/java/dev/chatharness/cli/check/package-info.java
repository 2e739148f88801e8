/** {@code check}: the seconds-long pre-flight of a target before a long run. */
package dev.chatharness.cli.check;
