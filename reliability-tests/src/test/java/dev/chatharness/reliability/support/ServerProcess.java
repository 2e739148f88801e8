package dev.chatharness.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * {@link ServerMain} in a separate JVM on this test's class path, with a file database. {@link #kill()} is SIGKILL
 * (nothing runs in the server afterwards), {@link #terminate} is SIGTERM (its shutdown hook runs).
 *
 * <p>The process writes to a log file rather than a pipe: {@link Process#destroy()} closes the parent's end of the
 * pipes at once, which would lose everything the shutdown hook prints.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final String baseUrl;

    private ServerProcess(ProcessBuilder builder, Path log) {
        this.log = log;
        try {
            this.process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
        try {
            this.baseUrl = await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(this::listeningUrl, Optional::isPresent).orElseThrow();
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("server process did not print 'listening on' within " + START_TIMEOUT
                    + "; it printed:\n" + output(), e);
        }
    }

    /** Starts the server on a free port over the H2 file {@code database}; returns once it accepts connections. */
    public static ServerProcess start(Path database, String secret, String messageRate) {
        return start(database, secret, messageRate, List.of("-Xmx256m"));
    }

    /** Same, with the given JVM options (heap size, collector) instead of {@code -Xmx256m}. */
    public static ServerProcess start(Path database, String secret, String messageRate, List<String> jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = database.resolveSibling(database.getFileName() + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName(),
                database.toString(), secret, messageRate));
        return new ServerProcess(new ProcessBuilder(command), log);
    }

    private Optional<String> listeningUrl() {
        Matcher m = LISTENING.matcher(output());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Everything the process printed so far (stdout and stderr). */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux), then waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM ({@link Process#destroy()}), then waits for the shutdown hook; returns the exit code (143). */
    public int terminate(Duration within) {
        process.destroy();
        return awaitExit(within);
    }

    private int awaitExit(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("server process " + pid() + " still running " + within
                        + " after the signal; it printed:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }
}
