package dev.chatharness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.chatharness.load.report.FanOutSummary;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same FanOut against another implementation of the contract: the Node socket.io 4.7.2 target of
 * interop/node-server (installed by its ensure-installed.mjs, which runs npm ci only when node_modules is missing
 * or stale). Nothing in the run changes but the URL.
 */
class NodeBaselineSmokeTest {

    private static final Path NODE_SERVER = Path.of("..", "interop", "node-server").toAbsolutePath().normalize();

    /** On socket.io 4.7.2 (what the Chat v2 backend ships) and on the newest 4.8.x of interop/node-server/latest. */
    @ParameterizedTest(name = "socket.io {0}")
    @ValueSource(strings = {"pinned", "latest"})
    @Timeout(180)
    void the_unchanged_fanout_runs_against_the_node_target(String socketio) throws Exception {
        assumeThat(onPath("node") && onPath("npm")).as("node and npm on PATH").isTrue();
        Process install = new ProcessBuilder("node", "ensure-installed.mjs").directory(NODE_SERVER.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(install.waitFor(150, TimeUnit.SECONDS)).as("ensure-installed.mjs in time").isTrue();
        assertThat(install.exitValue()).as("ensure-installed.mjs exit code").isZero();
        ProcessBuilder builder = new ProcessBuilder("node", "server.js", "--port", "0", "--host", "127.0.0.1",
                "--socketio", socketio)
                .directory(NODE_SERVER.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CHAT_HARNESS_JWT_SECRET", ReferenceTarget.SECRET);
        Process node = builder.start();
        try {
            int port = awaitPort(node);
            LoadResult result = new LoadRunner().run(LoadOptions.builder()
                    .scenario(Scenario.FANOUT)
                    .target(URI.create("http://127.0.0.1:" + port))
                    .jwtSecret(ReferenceTarget.SECRET)
                    .rooms(4).members(5).rate(20)
                    .duration(Duration.ofSeconds(4))
                    .grace(Duration.ofSeconds(2))
                    .maxLost(0L)
                    .gatlingFanoutRow(false)
                    .reportDir(Path.of("target", "load-smoke", "node-server-" + socketio))
                    .build(), System.out);
            FanOutSummary s = result.summary();
            assertThat(result.status()).as(result.message()).isEqualTo(LoadResult.Status.PASSED);
            assertThat(s.deliveries().received()).isPositive().isEqualTo(s.deliveries().expected());
            assertThat(s.messages().storedOnTarget()).isEqualTo(s.messages().accepted());
        } finally {
            node.destroy();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    /** Reads the server's output until its "listening on http://127.0.0.1:PORT" line. */
    private static int awaitPort(Process node) throws InterruptedException {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.offer(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "node-server-output");
        reader.setDaemon(true);
        reader.start();
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        throw new AssertionError("the Node target did not print its port within 30 s");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
