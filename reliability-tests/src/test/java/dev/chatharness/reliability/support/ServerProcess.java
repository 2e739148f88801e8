package dev.chatharness.reliability.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link ServerMain} in a separate JVM on this test's class path, with a file database. {@link #kill()} is SIGKILL
 * (nothing runs in the server afterwards), {@link #terminate} is SIGTERM (its shutdown hook runs).
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<String> listening = new CompletableFuture<>();
    private final String baseUrl;

    private ServerProcess(ProcessBuilder builder) {
        try {
            this.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
        Thread reader = new Thread(this::readOutput, "server-process-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            this.baseUrl = listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("server process did not print 'listening on' within " + START_TIMEOUT
                    + "; it printed:\n" + output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the server on a free port over the H2 file {@code database}; returns once it accepts connections. */
    public static ServerProcess start(Path database, String secret, String messageRate) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ServerProcess(new ProcessBuilder(java, "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                ServerMain.class.getName(), database.toString(), secret, messageRate)
                .redirectErrorStream(true));
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            // the process is gone: what it printed so far is what there is
        } finally {
            listening.completeExceptionally(new IllegalStateException("server output ended"));
        }
    }

    /** Everything the process printed so far (stdout and stderr). */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
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
