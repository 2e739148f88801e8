/** {@code conformance}: the suite run through the JUnit Platform Launcher, and its {@code --json} form. */
package dev.chatharness.cli.conformance;
