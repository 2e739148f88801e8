package dev.chatharness.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.ConformanceRunner;
import dev.chatharness.conformance.Selection;
import dev.chatharness.conformance.TestOutcome;
import dev.chatharness.conformance.clause.ContractClauses;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.faults.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The proof that the suite works: every clause of the contract has at least one deliberate defect of the reference
 * server ({@link Fault}), and each defect makes at least one of its clause's checks fail. Only the tests that name the
 * fault's clause run against it, which also proves that the clause map points at checks that can see the defect. The
 * build prints the mutation score, caught / faults.
 */
/* With -Dchat.target the run is about that target (ExternalTargetTest), not about the suite itself. */
@DisabledIfSystemProperty(named = "chat.target", matches = ".+")
class FaultsAreCaughtTest {

    private static final Path CONTRACT = Path.of("../specs/contract.md");

    /** All faults, or those named in {@code -Dchat.faults=A,B} (to work on a few without waiting for all). */
    private static List<Fault> selected() {
        String only = System.getProperty("chat.faults", "");
        return only.isBlank() ? List.of(Fault.values())
                : Arrays.stream(only.split(",")).map(String::trim).map(Fault::valueOf).toList();
    }

    @Test
    void every_clause_has_a_fault_switch() {
        Set<String> covered = Arrays.stream(Fault.values()).map(Fault::clause).collect(Collectors.toSet());
        Set<String> uncovered = new TreeSet<>(ContractClauses.read(CONTRACT).checkable());
        uncovered.removeAll(covered);
        assertThat(uncovered).as("clauses of the contract that no fault switch of the reference server breaks").isEmpty();
        assertThat(covered).as("clauses named by faults").isSubsetOf(ContractClauses.read(CONTRACT).checkable());
    }

    @Test
    void every_fault_of_the_reference_server_is_caught_by_its_clauses_checks() throws Exception {
        List<String> missed = new ArrayList<>();
        int caught = 0;
        List<Fault> faults = selected();
        for (Fault fault : faults) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            ConformanceResult result;
            try (ChatServer server = SelfTestTargets.start(Set.of(fault));
                 PrintStream progress = new PrintStream(log, true, StandardCharsets.UTF_8)) {
                result = ConformanceRunner.run(SelfTestTargets.profileFor(server), Selection.clauses(Set.of(fault.clause())),
                        Path.of("target/conformance-faults/" + fault.name().toLowerCase()), progress);
            }
            List<TestOutcome> catches = result.failures();
            if (catches.isEmpty()) {
                missed.add(fault + " (§" + fault.clause() + ", " + result.status() + ": " + result.message() + ")");
                System.out.println("MISSED " + fault + " §" + fault.clause() + "\n" + log.toString(StandardCharsets.UTF_8));
            } else {
                caught++;
                System.out.println("caught " + fault + " §" + fault.clause() + " by " + catches.size() + " test(s), first: "
                        + catches.get(0).line());
            }
        }
        int total = faults.size();
        String score = String.format("mutation score (reference server): caught %d/%d faults (%.0f%%), measured %s",
                caught, total, 100.0 * caught / total, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        System.out.println(score);
        // surefire keeps test output in files: the build's verify phase prints this one to the console
        Files.writeString(Path.of("target/mutation-score.txt"), score + System.lineSeparator());
        assertThat(missed).as("faults caught: " + caught + "/" + total + "; missed").isEmpty();
    }
}
