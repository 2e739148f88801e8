package dev.chatharness.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable jar started as a real process, the way users and CI run it. Output goes to files so a
 * chatty process can never block on a full pipe.
 */
public final class CliProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static Path jar() {
        String jar = System.getProperty("chatHarness.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property chatHarness.jar must name the built runnable jar, got " + jar);
        }
        return Path.of(jar);
    }

    public static CliProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return start(workDir, env, List.of("-jar", jar().toString()), args);
    }

    /**
     * The main class off the class path instead of {@code -jar}: the JVM then ignores the manifest, its
     * {@code Add-Opens} included, which is how a real crash (exit 70) can be had on purpose.
     */
    static Result runOffClassPath(Path workDir, Map<String, String> env, Duration timeout, String... args)
            throws Exception {
        try (CliProcess p = start(workDir, env, List.of("-cp", jar().toString(), ChatHarness.class.getName()), args)) {
            return p.waitFor(timeout, args);
        }
    }

    private static CliProcess start(Path workDir, Map<String, String> env, List<String> launch, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m"));
        command.addAll(launch);
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("CHAT_HARNESS_JWT_SECRET");
        builder.environment().putAll(env);
        return new CliProcess(builder.start(), out, err);
    }

    /** Runs to completion within {@code timeout} and returns the exit code. */
    public static Result run(Path workDir, Duration timeout, String... args) throws Exception {
        return run(workDir, Map.of(), timeout, args);
    }

    public static Result run(Path workDir, Map<String, String> env, Duration timeout, String... args) throws Exception {
        try (CliProcess p = start(workDir, env, args)) {
            return p.waitFor(timeout, args);
        }
    }

    private Result waitFor(Duration timeout, String... args) throws InterruptedException {
        long start = System.nanoTime();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("chat-harness " + String.join(" ", args) + " did not finish within " + timeout
                    + "; stdout: " + stdout() + " stderr: " + stderr());
        }
        return new Result(process.exitValue(), stdout(), stderr(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Waits for the 'listening on URL' line of {@code serve} and returns the URL. */
    public String awaitListening() {
        String[] url = new String[1];
        await("the 'listening on' line").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue() + ": " + stderr());
            }
            Matcher m = LISTENING.matcher(stdout());
            if (m.find()) {
                url[0] = m.group(1);
                return true;
            }
            return false;
        });
        return url[0];
    }

    Process process() {
        return process;
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    public record Result(int exitCode, String stdout, String stderr, Duration took) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
