package dev.chatharness.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Python server's own unit and process tests ({@code interop/python-server/tests}), run with Debian's Python. */
class PythonServerOwnTestsTest {
    private static final long TIMEOUT_SECONDS = 300;

    @Test
    void the_python_servers_own_tests_pass() throws Exception {
        Prerequisites.requireDebiansPythonPackages();
        Path log = Interop.buildDir().resolve("logs/python-server-tests.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Interop.python(), "-m", "unittest", "discover", "-s", "tests", "-t", ".")
                .directory(ForeignTarget.PYTHON.folder().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // keep the source tree clean
        builder.environment().remove("CHAT_HARNESS_JWT_SECRET");
        Process tests = builder.start();
        boolean finished = tests.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            tests.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("the Python tests finished within " + TIMEOUT_SECONDS + " s:\n" + output).isTrue();
        assertThat(tests.exitValue()).as("exit code of the Python tests:\n" + output).isZero();
        assertThat(output).as("unittest's verdict").containsPattern("Ran \\d+ tests").contains("\nOK");
    }
}
