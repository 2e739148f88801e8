package dev.chatharness.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.ConformanceRunner;
import dev.chatharness.conformance.Selection;
import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.conformance.TestOutcome;
import dev.chatharness.conformance.clause.ContractClauses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite's mutation score on a server it did not write: the Node server's own deliberate defects
 * ({@code node interop/node-server/server.js --list-faults}), at least one per clause, each run against only the
 * checks of its clause. A blind spot of the suite cannot hide behind a detail of the Java reference server.
 */
class NodeFaultsAreCaughtTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONTRACT = Interop.dir().resolve("../specs/contract.md").normalize();

    /** One defect of the Node server, as it lists them. */
    record NodeFault(String name, String clause, String description) {
    }

    private static List<NodeFault> faults;

    @BeforeAll
    static void listTheFaults() throws Exception {
        Process list = new ProcessBuilder(Interop.node(), "server.js", "--list-faults")
                .directory(ForeignTarget.NODE.folder().toFile()).redirectErrorStream(true).start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(30, TimeUnit.SECONDS)).as("server.js --list-faults ended").isTrue();
        assertThat(list.exitValue()).as("server.js --list-faults: " + out).isZero();
        faults = new ArrayList<>();
        for (JsonNode fault : JSON.readTree(out)) {
            faults.add(new NodeFault(fault.path("name").asText(), fault.path("clause").asText(),
                    fault.path("description").asText()));
        }
    }

    @Test
    void every_clause_has_a_fault_switch_on_the_node_server() {
        Set<String> covered = new TreeSet<>();
        faults.forEach(f -> covered.add(f.clause()));
        Set<String> uncovered = new TreeSet<>(ContractClauses.read(CONTRACT).checkable());
        uncovered.removeAll(covered);
        assertThat(uncovered).as("clauses no fault switch of the Node server breaks").isEmpty();
        assertThat(covered).as("clauses named by the Node server's faults").isSubsetOf(ContractClauses.read(CONTRACT).checkable());
    }

    @Test
    void every_fault_of_the_node_server_is_caught_by_its_clauses_checks() throws Exception {
        List<String> missed = new ArrayList<>();
        List<NodeFault> selected = selected();
        int caught = 0;
        for (NodeFault fault : selected) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            ConformanceResult result;
            try (TargetProcess node = TargetProcess.start(ForeignTarget.NODE,
                    TargetProcess.Settings.standard().withFault(fault.name()), "node-fault-" + fault.name());
                 PrintStream progress = new PrintStream(log, true, StandardCharsets.UTF_8)) {
                result = ConformanceRunner.run(profileFor(node), Selection.clauses(Set.of(fault.clause())),
                        Interop.buildDir().resolve("node-faults").resolve(fault.name()), progress);
            }
            List<TestOutcome> catches = result.failures();
            if (catches.isEmpty()) {
                missed.add(fault.name() + " (§" + fault.clause() + ": " + fault.description() + "; " + result.status()
                        + ": " + result.message() + ")");
                System.out.println("MISSED " + fault.name() + " §" + fault.clause() + "\n" + log.toString(StandardCharsets.UTF_8));
            } else {
                caught++;
                System.out.println("caught " + fault.name() + " §" + fault.clause() + " by " + catches.size()
                        + " test(s), first: " + catches.get(0).line());
            }
        }
        String score = String.format("mutation score (Node socket.io 4.7.2 server): caught %d/%d faults (%.0f%%), "
                + "measured %s", caught, selected.size(), 100.0 * caught / selected.size(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        System.out.println(score);
        // surefire keeps test output in files: the build's verify phase prints this one to the console
        Files.writeString(Interop.buildDir().resolve("mutation-score.txt"), score + System.lineSeparator());
        assertThat(missed).as("faults caught: " + caught + "/" + selected.size() + "; missed").isEmpty();
    }

    /** All faults, or those named in {@code -Dinterop.faults=A,B}. */
    private static List<NodeFault> selected() {
        String only = System.getProperty("interop.faults", "");
        if (only.isBlank()) {
            return faults;
        }
        Set<String> names = Set.of(only.split(","));
        return faults.stream().filter(f -> names.contains(f.name())).toList();
    }

    /** The suite's profile for a target started with {@link TargetProcess.Settings#standard()}. */
    static TargetProfile profileFor(TargetProcess target) {
        Map<String, String> keys = new HashMap<>(Map.of("target", target.url(), "jwtSecret", target.jwtSecret(),
                "jwtIssuer", TargetProcess.Settings.ISSUER, "jwtAudience", TargetProcess.Settings.AUDIENCE,
                "allowedOrigin", TargetProcess.Settings.ORIGIN,
                "rateLimit.message.capacity", "20", "rateLimit.message.refillPerSecond", "10",
                "rateLimit.typing.capacity", "10", "rateLimit.typing.refillPerSecond", "5"));
        // Generous: absences are proven by sentinels, so a long timeout costs time only when something is missing.
        keys.putAll(Map.of("timeout.event", "10s", "timeout.connect", "10s"));
        return TargetProfile.resolve(Optional.empty(), Map.of(), new Properties(), keys);
    }
}
