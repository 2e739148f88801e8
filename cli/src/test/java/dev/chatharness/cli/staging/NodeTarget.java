package dev.chatharness.cli.staging;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of interop/node-server (Node and socket.io 4.7.2) as a process of the test, sharing its data and its
 * broadcasts with the other nodes through Redis ({@code --redis}), or only its data ({@code --adapter memory}).
 */
final class NodeTarget implements AutoCloseable {

    static final Path SERVER = Path.of("..", "interop", "node-server").toAbsolutePath().normalize();
    /** The reference bucket sizes with a slower refill (see NodeTargetConformanceTest): declared to the suite too. */
    static final String MESSAGE_RATE = "20:1";
    static final String TYPING_RATE = "10:1";
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;

    private NodeTarget(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Runs {@code npm ci} in interop/node-server when its node_modules is missing or stale. */
    static void install() {
        Prerequisites.require("node", "nodejs");
        try {
            Process install = new ProcessBuilder("node", "ensure-installed.mjs").directory(SERVER.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!install.waitFor(150, TimeUnit.SECONDS) || install.exitValue() != 0) {
                throw new AssertionError("interop/node-server/ensure-installed.mjs failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A node on a free port; {@code sharedAdapter} false keeps broadcasts on the node (the broken deployment). */
    static NodeTarget start(Path log, String secret, String redisUrl, boolean sharedAdapter) {
        List<String> command = new ArrayList<>(List.of("node", "server.js", "--port", "0", "--host", "127.0.0.1",
                "--jwt-secret", secret, "--rate-message", MESSAGE_RATE, "--rate-typing", TYPING_RATE,
                "--redis", redisUrl));
        if (!sharedAdapter) {
            command.addAll(List.of("--adapter", "memory"));
        }
        try {
            Files.createDirectories(log.getParent());
            Path out = log.resolveSibling(log.getFileName() + ".out");
            Process process = new ProcessBuilder(command).directory(SERVER.toFile()).redirectError(log.toFile())
                    .redirectOutput(out.toFile()).start();
            int[] port = new int[1];
            await("a node's 'listening on' line").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the node exited with " + process.exitValue() + ": "
                                    + Files.readString(log));
                        }
                        Matcher m = LISTENING.matcher(Files.readString(out));
                        if (m.find()) {
                            port[0] = Integer.parseInt(m.group(1));
                            return true;
                        }
                        return false;
                    });
            return new NodeTarget(process, port[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a node of interop/node-server", e);
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: the node disconnects its sockets and exits
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
