package dev.chatharness.cli.staging;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as a process of the test: its own folder (configuration, logs, temp files), one process (no master,
 * no daemon), on a free 127.0.0.1 port; stopped with SIGTERM, and killed if it lingers.
 */
final class Nginx implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts nginx with {@code setup} in front of {@code nodePorts}, TLS from the given PEM files. */
    static Nginx start(Path dir, ProxySetup setup, List<Integer> nodePorts, Path certificate, Path key) {
        Path binary = Prerequisites.require("nginx", "nginx");
        int port = FreePort.pick();
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, setup.render(dir, port, nodePorts, certificate, key));
            Process process = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-e",
                    dir.resolve("error.log").toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            Nginx nginx = new Nginx(process, dir, port);
            await("nginx to listen on 127.0.0.1:" + port).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("nginx exited with " + process.exitValue() + ": "
                                    + nginx.log() + "\n" + Files.readString(conf));
                        }
                        return accepts(port);
                    });
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx in " + dir, e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    /** nginx's own output and error log, for a failure message. */
    String log() {
        StringBuilder text = new StringBuilder();
        for (String name : new String[] {"nginx.out", "error.log"}) {
            try {
                Path file = dir.resolve(name);
                if (Files.exists(file)) {
                    text.append(Files.readString(file));
                }
            } catch (IOException e) {
                text.append("(").append(name).append(" unreadable: ").append(e).append(")");
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
