package dev.chatharness.interop;

import static org.assertj.core.api.Assertions.fail;

import dev.chatharness.examples.ExampleTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running foreign server, started on a free port with the settings every run of the matrix uses (a secret, an
 * issuer and an audience it checks, an allowed Origin), so that no check of the suite has to be skipped. Its standard
 * error goes to {@code target/logs/NAME.log}. {@link #close()} sends SIGTERM, as an orchestrator does, and waits.
 *
 * <pre>{@code
 * try (TargetProcess node = TargetProcess.start(ForeignTarget.NODE, Settings.standard().allowing(origin), "node")) {
 *     String url = node.url();
 * }
 * }</pre>
 */
final class TargetProcess implements ExampleTarget {
    private static final long START_SECONDS = 60;
    private static final long STOP_SECONDS = 15;

    private final Process process;
    private final String url;
    private final Settings settings;
    private final Path log;
    private Integer exitCode;

    private TargetProcess(Process process, String url, Settings settings, Path log) {
        this.process = process;
        this.url = url;
        this.settings = settings;
        this.log = log;
    }

    /** The options a matrix run gives a target. */
    record Settings(String secret, Optional<String> issuer, Optional<String> audience, String allowedOrigin,
                    Optional<String> fault) {
        static final String SECRET = "interop-secret";
        static final String ISSUER = "https://issuer.interop.invalid";
        static final String AUDIENCE = "chat-harness-interop";
        static final String ORIGIN = "https://app.interop.invalid";

        /** A secret, an issuer and an audience the target checks, an allowed Origin: every check of the suite runs. */
        static Settings standard() {
            return new Settings(SECRET, Optional.of(ISSUER), Optional.of(AUDIENCE), ORIGIN, Optional.empty());
        }

        /** Without issuer and audience, for the tools that mint tokens with the secret alone (check, load, examples). */
        static Settings secretOnly() {
            return new Settings(SECRET, Optional.empty(), Optional.empty(), ORIGIN, Optional.empty());
        }

        /** The same, with the browser page's Origin allowed instead of the made-up one. */
        Settings allowing(String origin) {
            return new Settings(secret, issuer, audience, origin, fault);
        }

        Settings withFault(String name) {
            return new Settings(secret, issuer, audience, allowedOrigin, Optional.of(name));
        }

        List<String> options() {
            List<String> options = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--jwt-secret", secret,
                    "--allowed-origins", allowedOrigin));
            issuer.ifPresent(iss -> options.addAll(List.of("--jwt-issuer", iss)));
            audience.ifPresent(aud -> options.addAll(List.of("--jwt-audience", aud)));
            fault.ifPresent(name -> options.addAll(List.of("--fault", name)));
            return options;
        }
    }

    static TargetProcess start(ForeignTarget target, Settings settings, String logName) {
        Path log = Interop.buildDir().resolve("logs").resolve(logName + ".log");
        ProcessBuilder builder = new ProcessBuilder(target.command(settings.options())).directory(target.folder().toFile())
                .redirectError(log.toFile());
        builder.environment().remove("CHAT_HARNESS_JWT_SECRET");
        builder.environment().remove("FAULT");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // keep the source tree clean
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + target.label() + ": " + builder.command(), e);
        }
        String line = firstLine(process);
        if (!line.matches("listening on http://127\\.0\\.0\\.1:\\d+")) {
            process.destroyForcibly();
            fail(target.label() + " did not start: '" + line + "'; its log " + log + ":\n" + read(log));
        }
        return new TargetProcess(process, line.substring("listening on ".length()), settings, log);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String jwtSecret() {
        return settings.secret();
    }

    Settings settings() {
        return settings;
    }

    /** What the server wrote on its standard error so far. */
    String log() {
        return read(log);
    }

    /** Whether the process is still there (a crashed server is not). */
    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, then up to 15 s for a clean exit; the exit code is kept for {@link #exitCode()}. */
    @Override
    public void close() {
        if (exitCode != null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exitCode = process.isAlive() ? null : process.exitValue();
    }

    /** The exit code after {@link #close()}: 0 when the server stopped cleanly on SIGTERM. */
    Optional<Integer> exitCode() {
        return Optional.ofNullable(exitCode);
    }

    private static String firstLine(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return Optional.ofNullable(out.readLine()).orElse("(the process ended)");
            } catch (IOException e) {
                return "(" + e.getMessage() + ")";
            }
        });
        try {
            return line.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "(nothing within " + START_SECONDS + " s)";
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
