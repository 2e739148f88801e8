package dev.chatharness.examples;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What the browser example needs on the machine: node, Debian's Chromium and the example's node_modules. Read from
 * the system properties the build sets ({@code examples.browser.dir}, {@code examples.node},
 * {@code examples.chromium}).
 *
 * @param browserDir the browser example's folder
 * @param node       the node executable
 * @param chromium   Chromium's path
 */
public record BrowserToolchain(Path browserDir, String node, String chromium) {

    /**
     * The toolchain, or a skipped test with the install command when Chromium is missing (a failed one under
     * {@code CI=true}, since .ci/run installs it) or when {@code -Dexamples.browser.skip=true} was given.
     */
    public static BrowserToolchain requireOrSkip() {
        if (Boolean.getBoolean("examples.browser.skip")) {
            String why = "browser example skipped: -Dexamples.browser.skip=true was given";
            System.out.println(why);
            Assumptions.abort(why);
        }
        Path browserDir = Path.of(System.getProperty("examples.browser.dir", "../browser")).toAbsolutePath().normalize();
        String node = System.getProperty("examples.node", "node");
        String chromium = System.getProperty("examples.chromium", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            String why = "Debian's Chromium is not installed at " + chromium + ": install it with"
                    + " 'apt-get install -y chromium' (as .ci/run does), or run with -Dexamples.browser.skip=true";
            // CI installs Chromium, so there a missing browser is a broken pipeline. On a developer's machine the
            // rest of 'mvn verify' should not depend on a browser: the test is skipped, loudly, with the reason.
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            System.out.println("SKIPPED browser example: " + why);
            Assumptions.abort(why);
        }
        if (!Files.isDirectory(browserDir.resolve("node_modules/playwright-core"))) {
            fail("the browser example's dependencies are missing in " + browserDir + "/node_modules: run"
                    + " 'PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci' there (the Maven build does it in process-test-resources)");
        }
        return new BrowserToolchain(browserDir, node, chromium);
    }
}
