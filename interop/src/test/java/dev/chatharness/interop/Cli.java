package dev.chatharness.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code chat-harness} jar as a separate process, as a user or a CI job does, and keeps what it printed
 * in {@code target/cli/NAME.out|err}.
 */
final class Cli {
    private Cli() {
    }

    record Result(int exitCode, String out, String err, Duration took) {
        String transcript() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Result run(String name, List<String> args, Map<String, String> env, Duration timeout) {
        Path dir = Interop.buildDir().resolve("cli");
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Interop.cliJar().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(Interop.buildDir().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("CHAT_HARNESS_JWT_SECRET");
        builder.environment().putAll(env);
        long start = System.nanoTime();
        try {
            Files.createDirectories(dir);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, Files.readString(out), Files.readString(err) + "\n(killed after " + timeout + ")",
                        Duration.ofNanos(System.nanoTime() - start));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
