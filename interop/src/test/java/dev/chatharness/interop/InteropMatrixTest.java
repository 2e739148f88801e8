package dev.chatharness.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.examples.BrowserExampleRun;
import dev.chatharness.examples.BrowserToolchain;
import dev.chatharness.examples.JavaExampleRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.opentest4j.TestAbortedException;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a user runs, against every server of {@code interop/}: the whole conformance suite (0 failures, 0 skipped),
 * {@code check}, a short {@code load fanout} with nothing lost, and both client examples (Java, and the browser page
 * in headless Chromium). The CLI parts run the real jar as a process with the command a user types. Each cell's
 * result and command go to {@code target/interop-matrix.md}; any red cell fails the build.
 */
class InteropMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Cell> CELLS = new ArrayList<>();

    /** The parts of the matrix. */
    enum Part {
        CONFORMANCE("conformance suite"), CHECK("check"), LOAD("load fanout"), JAVA_EXAMPLE("Java example"),
        BROWSER_EXAMPLE("browser example");

        final String label;

        Part(String label) {
            this.label = label;
        }
    }

    /** One result: the target, the part, green or not, what a user types to see the same, and what was seen. */
    record Cell(ForeignTarget target, Part part, Verdict verdict, String command, String detail, Duration took) {
        boolean green() {
            return verdict != Verdict.FAIL;
        }
    }

    /** A cell is skipped only when this machine lacks a tool (Chromium) and CI is not asking; in CI it fails. */
    enum Verdict { PASS, FAIL, SKIPPED }

    /** The parts each target runs: all of them on the versions users run; the suite and check on socket.io 4.8.x. */
    static Set<Part> partsOf(ForeignTarget target) {
        return target == ForeignTarget.NODE_LATEST ? EnumSet.of(Part.CONFORMANCE, Part.CHECK) : EnumSet.allOf(Part.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ForeignTarget.class)
    void every_part_works_against(ForeignTarget target) {
        if (target == ForeignTarget.PYTHON) {
            Prerequisites.requireDebiansPythonPackages();
        }
        List<Cell> cells = new ArrayList<>();
        for (Part part : partsOf(target)) {
            long start = System.nanoTime();
            Cell cell;
            try {
                cell = run(target, part);
            } catch (TestAbortedException e) {
                cell = new Cell(target, part, Verdict.SKIPPED, commandOf(target, part), e.getMessage(), Duration.ZERO);
            } catch (AssertionError | Exception e) {
                cell = new Cell(target, part, Verdict.FAIL, commandOf(target, part), e.getMessage(), Duration.ZERO);
            }
            cell = new Cell(cell.target(), cell.part(), cell.verdict(), cell.command(), cell.detail(),
                    Duration.ofNanos(System.nanoTime() - start));
            System.out.println(cell.verdict() + " " + target.label() + " x " + part.label + " ("
                    + cell.took().toSeconds() + " s)" + (cell.verdict() == Verdict.PASS ? "" : ": " + cell.detail()));
            cells.add(cell);
        }
        synchronized (CELLS) {
            CELLS.addAll(cells);
        }
        assertThat(cells.stream().filter(c -> !c.green()).map(c -> c.part().label + ": " + c.detail()).toList())
                .as("red cells of " + target.label() + " (see target/interop-matrix.md and target/cli, target/logs)")
                .isEmpty();
    }

    private static Cell run(ForeignTarget target, Part part) throws Exception {
        String name = target.name().toLowerCase() + "-" + part.name().toLowerCase();
        return switch (part) {
            case CONFORMANCE -> {
                try (TargetProcess server = TargetProcess.start(target, TargetProcess.Settings.standard(), name)) {
                    Cli.Result result = Cli.run(name, List.of("conformance", "--target", server.url(), "--jwt-secret",
                            server.jwtSecret(), "--report-dir", "reports/" + name, "--json"), Map.of(
                            "CHAT_JWT_ISSUER", TargetProcess.Settings.ISSUER, "CHAT_JWT_AUDIENCE",
                            TargetProcess.Settings.AUDIENCE, "CHAT_ALLOWED_ORIGIN", TargetProcess.Settings.ORIGIN),
                            Duration.ofMinutes(5));
                    JsonNode json = parse(result);
                    boolean green = result.exitCode() == 0 && json.path("skipped").asLong(-1) == 0
                            && json.path("failed").asLong(-1) == 0;
                    String detail = json.path("status").asText("?") + ": " + json.path("message").asText(result.err());
                    server.close();
                    boolean clean = server.exitCode().filter(code -> code == 0).isPresent();
                    yield new Cell(target, part, verdict(green && clean), commandOf(target, part), clean ? detail
                            : detail + "; and the server did not exit 0 on SIGTERM: " + server.exitCode() + "\n" + server.log(),
                            result.took());
                }
            }
            case CHECK -> cli(target, part, name, server -> List.of("check", "--target", server.url(), "--jwt-secret",
                    server.jwtSecret()));
            case LOAD -> cli(target, part, name, server -> List.of("load", "fanout", "--target", server.url(),
                    "--jwt-secret", server.jwtSecret(), "--rooms", "5", "--members", "5", "--rate", "20", "--duration",
                    "10s", "--max-lost", "0", "--report-dir", "reports/" + name));
            case JAVA_EXAMPLE -> {
                try (TargetProcess server = TargetProcess.start(target, TargetProcess.Settings.secretOnly(), name)) {
                    JavaExampleRun.expectEveryRoomEvent(server);
                }
                yield new Cell(target, part, Verdict.PASS, commandOf(target, part), "alice and bob saw every room event",
                        Duration.ZERO);
            }
            case BROWSER_EXAMPLE -> {
                BrowserToolchain tools = BrowserToolchain.requireOrSkip();
                BrowserExampleRun.expectEveryRoomEvent(tools, origin -> TargetProcess.start(target,
                        TargetProcess.Settings.secretOnly().allowing(origin), name), "polling,websocket");
                yield new Cell(target, part, Verdict.PASS, commandOf(target, part), "the page and bob saw every room event",
                        Duration.ZERO);
            }
        };
    }

    private interface Args {
        List<String> of(TargetProcess server);
    }

    private static Cell cli(ForeignTarget target, Part part, String name, Args args) {
        try (TargetProcess server = TargetProcess.start(target, TargetProcess.Settings.secretOnly(), name)) {
            Cli.Result result = Cli.run(name, args.of(server), Map.of(), Duration.ofMinutes(3));
            String last = result.out().strip().lines().reduce((a, b) -> b).orElse(result.err().strip());
            return new Cell(target, part, verdict(result.exitCode() == 0), commandOf(target, part),
                    result.exitCode() == 0 ? last : result.transcript(), result.took());
        }
    }

    private static Verdict verdict(boolean green) {
        return green ? Verdict.PASS : Verdict.FAIL;
    }

    private static JsonNode parse(Cli.Result result) {
        try {
            return JSON.readTree(result.out());
        } catch (IOException e) {
            return JSON.createObjectNode().put("status", "no JSON on stdout").put("message", result.transcript());
        }
    }

    /** What a user types for this cell, the target already started as {@link ForeignTarget#byHand()} shows. */
    static String commandOf(ForeignTarget target, Part part) {
        return switch (part) {
            case CONFORMANCE -> "CHAT_JWT_ISSUER=ISS CHAT_JWT_AUDIENCE=AUD CHAT_ALLOWED_ORIGIN=ORIGIN ./chat-harness"
                    + " conformance --target URL --jwt-secret S";
            case CHECK -> "./chat-harness check --target URL --jwt-secret S";
            case LOAD -> "./chat-harness load fanout --target URL --jwt-secret S --rooms 5 --members 5 --rate 20"
                    + " --duration 10s --max-lost 0";
            case JAVA_EXAMPLE -> "mvn -q -f examples/java/pom.xml compile exec:java -Dexec.args=\"--url URL\""
                    + " (tokens of alice and bob in CHAT_TOKEN_A/B)";
            case BROWSER_EXAMPLE -> "node examples/browser/serve.mjs, then open the page (its Origin on --allowed-origins)";
        };
    }

    private static String label(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "pass";
            case FAIL -> "**FAIL**";
            case SKIPPED -> "skipped";
        };
    }

    @AfterAll
    static void writeTheMatrix() throws IOException {
        StringBuilder md = new StringBuilder("# Interop matrix (this build)\n\n| target | ");
        for (Part part : Part.values()) {
            md.append(part.label).append(" | ");
        }
        md.append("\n|---|").append("---|".repeat(Part.values().length)).append("\n");
        for (ForeignTarget target : ForeignTarget.values()) {
            md.append("| ").append(target.label()).append(" | ");
            for (Part part : Part.values()) {
                md.append(CELLS.stream().filter(c -> c.target() == target && c.part() == part).findFirst()
                        .map(c -> label(c.verdict()) + " (" + c.took().toSeconds() + " s)").orElse("-"))
                        .append(" | ");
            }
            md.append("\n");
        }
        md.append("\n## Cells\n\n");
        for (Cell cell : CELLS) {
            md.append("- ").append(cell.target().label()).append(" x ").append(cell.part().label).append(": ")
                    .append(label(cell.verdict())).append(" -- `").append(cell.command()).append("`\n  ")
                    .append(cell.detail().replace("\n", "\n  ")).append("\n");
        }
        Path file = Interop.buildDir().resolve("interop-matrix.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, md.toString());
        System.out.println(md);
    }
}
