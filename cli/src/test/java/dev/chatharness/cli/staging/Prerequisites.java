package dev.chatharness.cli.staging;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The Debian programs a staging test starts: found, or the test is skipped with the install command (failed under
 * {@code CI=true}, where .ci/run installs them, so a missing one there is a broken pipeline).
 */
final class Prerequisites {

    private Prerequisites() {
    }

    /** The path of {@code program}, looked for where Debian installs it. */
    static Path require(String program, String debianPackage) {
        for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"}) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String why = program + " is not installed: install it with 'apt-get install -y " + debianPackage
                + "' (as .ci/run does)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        System.out.println("SKIPPED: " + why);
        Assumptions.abort(why);
        throw new IllegalStateException("unreachable");
    }

    /** The runnable jar, or the test is skipped when it runs outside failsafe (after package). */
    static void requireJar() {
        Assumptions.assumeTrue(System.getProperty("chatHarness.jar") != null, "runs under failsafe, after package");
    }
}
