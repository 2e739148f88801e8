package dev.chatharness.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process a test starts (node, a JVM), with its stdout lines in a queue to await with a timeout and its stderr in
 * a file for the failure message. {@link #close()} ends it, and its children, for sure: call it in a finally block
 * or try-with-resources.
 */
final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final List<String> stdout = new CopyOnWriteArrayList<>();

    private ChildProcess(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::readStdout, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildProcess start(String name, ProcessBuilder builder) throws IOException {
        Path stderr = Files.createTempFile("examples-" + name + "-", ".stderr");
        builder.redirectError(stderr.toFile());
        return new ChildProcess(name, builder.start(), stderr);
    }

    /** The first not yet consumed stdout line that {@code matches}, or empty when none came within {@code timeout}. */
    Optional<String> awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            long waitMs = Duration.between(Instant.now(), deadline).toMillis();
            String line = waitMs > 0 ? pending.poll(waitMs, TimeUnit.MILLISECONDS) : null;
            if (line == null) {
                return Optional.empty();
            }
            if (matches.test(line)) {
                return Optional.of(line);
            }
        }
    }

    /** The exit code, or empty when the process still runs after {@code timeout}. */
    Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue()) : Optional.empty();
    }

    List<String> stdoutLines() {
        return List.copyOf(stdout);
    }

    /** Everything the process said so far, for assertion messages. */
    String transcript() {
        String err;
        try {
            err = Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err = "(stderr unreadable: " + e + ")";
        }
        return "--- " + name + " stdout ---\n" + String.join("\n", stdout) + "\n--- " + name + " stderr ---\n" + err;
    }

    @Override
    public void close() {
        // Children first (Chromium under the node driver), then the process itself: TERM, then KILL after 5 s.
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                killForcibly(children);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killForcibly(children);
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            // a leftover temp file is harmless
        }
    }

    private void killForcibly(List<ProcessHandle> children) {
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                stdout.add(line);
                pending.add(line);
            }
        } catch (IOException e) {
            stdout.add("(stdout closed: " + e + ")");
        }
    }
}
