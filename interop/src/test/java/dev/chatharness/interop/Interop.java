package dev.chatharness.interop;

import java.nio.file.Path;

/** Where things are, from the system properties the build sets (see this module's pom). */
final class Interop {
    private Interop() {
    }

    /** The {@code interop/} folder. */
    static Path dir() {
        return Path.of(System.getProperty("interop.dir", ".")).toAbsolutePath().normalize();
    }

    /** The runnable CLI jar, built by the cli module. */
    static Path cliJar() {
        return Path.of(System.getProperty("interop.cli.jar", "../cli/target/chat-harness.jar")).toAbsolutePath().normalize();
    }

    /** This module's build folder, for logs and reports. */
    static Path buildDir() {
        return Path.of(System.getProperty("interop.build.dir", "target")).toAbsolutePath().normalize();
    }

    static String node() {
        return System.getProperty("interop.node", "node");
    }

    /** Debian's Python, which has Debian's python3-socketio; a pyenv python3 on the PATH does not. */
    static String python() {
        return System.getProperty("interop.python", "/usr/bin/python3");
    }
}
