package dev.chatharness.interop;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** What the foreign servers need on the machine, checked with the install command in the message. */
final class Prerequisites {
    static final String PYTHON_INSTALL = "apt-get install -y python3-socketio python3-aiohttp python3-jwt";

    private Prerequisites() {
    }

    /**
     * Debian's python-socketio, aiohttp and PyJWT for the Python server. Without them the calling test is skipped, loudly,
     * with the install command, so that a developer's {@code mvn verify} does not depend on Python; under
     * {@code CI=true} it fails instead, since .ci/run installs them.
     */
    static void requireDebiansPythonPackages() {
        boolean present;
        try {
            Process probe = new ProcessBuilder(Interop.python(), "-c", "import socketio, engineio, aiohttp, jwt").start();
            present = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
            probe.destroyForcibly();
        } catch (Exception e) {
            present = false;
        }
        if (!present) {
            String why = Interop.python() + " lacks Debian's python-socketio, aiohttp or PyJWT: install them with '"
                    + PYTHON_INSTALL + "' (as .ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            System.out.println("SKIPPED python target: " + why);
            Assumptions.abort(why);
        }
    }
}
