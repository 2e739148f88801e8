package dev.chatharness.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.conformance.ConformanceTags;
import dev.chatharness.conformance.clause.Check;
import dev.chatharness.conformance.clause.Clause;
import dev.chatharness.conformance.clause.ClauseIndex;
import dev.chatharness.conformance.clause.ContractClauses;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Keeps the contract, the suite and {@code docs/conformance-matrix.md} telling the same story: every clause of
 * {@code specs/contract.md} has a positive and a negative check (and, where it states a figure, a boundary check),
 * every test names the clauses it checks, and the matrix lists exactly what the {@link Clause} annotations say.
 * When the matrix is out of date, {@code target/conformance-matrix.expected.md} holds the rows as they should read.
 */
class MatrixIsCompleteTest {

    private static final Path CONTRACT = Path.of("../specs/contract.md");
    private static final Path MATRIX = Path.of("../docs/conformance-matrix.md");
    private static final Path EXPECTED = Path.of("target/conformance-matrix.expected.md");
    private static final Pattern TEST = Pattern.compile("`(\\w+)#(\\w+)`");

    private static Map<String, String> kinds;
    private static ClauseIndex index;
    private static Map<String, String[]> matrix;

    @BeforeAll
    static void read() throws IOException {
        kinds = new TreeMap<>(ClauseIndex::compareIds);
        ContractClauses.read(CONTRACT).kinds().forEach((id, kind) -> kinds.put(id, switch (kind) {
            case OUTSIDE_REACH -> "outside";
            case LIMIT -> "limit";
            case PLAIN -> "plain";
        }));
        index = ClauseIndex.of(SuiteClasses.classes());
        matrix = new LinkedHashMap<>();
        for (String line : Files.readAllLines(MATRIX)) {
            if (line.startsWith("| §")) {
                String[] cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                        .map(String::trim).toArray(String[]::new);
                String id = cells[0].substring(1);
                assertThat(matrix.put(id, cells)).as("rows of §" + id + " in " + MATRIX).isNull();
            }
        }
        Files.createDirectories(EXPECTED.getParent());
        Files.writeString(EXPECTED, expectedRows());
    }

    @Test
    void the_contract_has_clauses_and_the_matrix_a_row_for_each() {
        assertThat(kinds).as("clauses found in " + CONTRACT).hasSizeGreaterThan(50);
        assertThat(matrix.keySet()).as("clause rows of " + MATRIX + " (compare with " + EXPECTED + ")")
                .containsExactlyInAnyOrderElementsOf(kinds.keySet());
    }

    @Test
    void every_clause_has_a_positive_a_negative_and_where_it_states_a_figure_a_boundary_check() {
        List<String> gaps = new ArrayList<>();
        kinds.forEach((id, kind) -> {
            boolean outside = "outside".equals(kind);
            for (Check check : Check.values()) {
                boolean wanted = !outside && (check != Check.BOUNDARY || "limit".equals(kind));
                boolean present = !index.tests(id, check).isEmpty();
                if (wanted != present) {
                    gaps.add("§" + id + " (" + kind + "): " + check.heading() + " " + (wanted ? "missing" : "not expected")
                            + (present ? " " + index.tests(id, check) : ""));
                }
            }
        });
        assertThat(gaps).as("clauses without the checks the matrix asks for").isEmpty();
    }

    @Test
    void the_matrix_lists_exactly_what_the_tests_say() {
        List<String> wrong = new ArrayList<>();
        matrix.forEach((id, cells) -> {
            assertThat(cells).as("cells of the row of §" + id + ": clause, obligation, positive, negative, boundary, groups")
                    .hasSize(6);
            for (Check check : Check.values()) {
                Set<String> listed = tests(cells[2 + check.ordinal()]);
                if (!listed.equals(index.tests(id, check))) {
                    wrong.add("§" + id + " " + check.heading() + ": the matrix says " + listed + ", the tests say "
                            + index.tests(id, check));
                }
            }
            if (!cells[5].equals(groups(id))) {
                wrong.add("§" + id + " groups: the matrix says '" + cells[5] + "', the tests say '" + groups(id) + "'");
            }
            if ("outside".equals(kinds.get(id)) && !cells[2].startsWith("not black-box")) {
                wrong.add("§" + id + " is outside the suite's reach: its positive cell must say 'not black-box: why'");
            }
        });
        assertThat(wrong).as("rows of " + MATRIX + " that disagree with the @Clause annotations (see " + EXPECTED + ")")
                .isEmpty();
    }

    /** A class left out of {@link SuiteClasses} would never run, and its clauses would look checked in the docs. */
    @Test
    void every_class_with_clause_tests_is_in_the_suite() {
        Set<String> withClauses = new TreeSet<>();
        for (String pkg : List.of("dev.chatharness.conformance.suite", "dev.chatharness.conformance.hostile")) {
            ReflectionSupport.findAllClassesInPackage(pkg, type -> true, name -> true).stream()
                    .filter(type -> Arrays.stream(type.getDeclaredMethods())
                            .anyMatch(m -> m.getAnnotationsByType(Clause.class).length > 0))
                    .forEach(type -> withClauses.add(type.getName()));
        }
        assertThat(withClauses).as("classes with @Clause tests").isNotEmpty();
        assertThat(SuiteClasses.ALL).as("SuiteClasses.ALL").containsAll(withClauses);
    }

    @Test
    void every_test_names_contract_clauses_one_known_group_and_its_first_clause() {
        assertThat(index.unmapped()).as("tests without a @Clause").isEmpty();
        assertThat(index.clauses()).as("clause ids named by @Clause that the contract does not have")
                .isSubsetOf(kinds.keySet());
        for (Class<?> type : SuiteClasses.classes()) {
            assertThat(type.getAnnotation(DisplayName.class)).as(type + " @DisplayName").isNotNull();
            for (Method method : testMethods(type)) {
                Set<String> tags = tags(method);
                assertThat(tags).as(method + " groups").hasSize(1);
                assertThat(ConformanceTags.ALL).as(method + " group").containsAll(tags);
                String name = method.getAnnotation(DisplayName.class).value();
                Set<String> ids = Arrays.stream(method.getAnnotationsByType(Clause.class)).map(Clause::id)
                        .collect(Collectors.toSet());
                assertThat(name).as(method + " display name: '§' and one of its clauses " + ids + ", then the check")
                        .matches("^§(" + ids.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")[ /].+");
            }
        }
    }

    private static Set<String> tests(String cell) {
        Set<String> found = new TreeSet<>();
        Matcher m = TEST.matcher(cell);
        while (m.find()) {
            found.add(m.group(1) + "#" + m.group(2));
        }
        return found;
    }

    /** The groups (JUnit tags) of a clause's tests, in the order of {@link ConformanceTags#ALL}, comma-separated. */
    private static String groups(String id) {
        Set<String> tags = new TreeSet<>();
        for (Class<?> type : SuiteClasses.classes()) {
            for (Method method : testMethods(type)) {
                if (Arrays.stream(method.getAnnotationsByType(Clause.class)).anyMatch(c -> c.id().equals(id))) {
                    tags.addAll(tags(method));
                }
            }
        }
        String listed = ConformanceTags.ALL.stream().filter(tags::contains).collect(Collectors.joining(", "));
        return listed.isEmpty() ? "-" : listed;
    }

    private static Set<String> tags(Method method) {
        Set<String> tags = new TreeSet<>();
        Arrays.stream(method.getDeclaringClass().getAnnotationsByType(Tag.class)).forEach(t -> tags.add(t.value()));
        Arrays.stream(method.getAnnotationsByType(Tag.class)).forEach(t -> tags.add(t.value()));
        return tags;
    }

    private static List<Method> testMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(TestFactory.class)
                        || m.isAnnotationPresent(ParameterizedTest.class))
                .toList();
    }

    /** The matrix rows as the annotations have them, with the obligations the current matrix gives (or a gap). */
    private static String expectedRows() {
        StringBuilder out = new StringBuilder("| clause | obligation | positive | negative | boundary | groups |\n"
                + "|---|---|---|---|---|---|\n");
        kinds.forEach((id, kind) -> {
            String[] current = matrix.get(id);
            out.append("| §").append(id).append(" | ").append(current == null ? "TODO" : current[1]);
            Map<Check, String> cells = new EnumMap<>(Check.class);
            for (Check check : Check.values()) {
                Set<String> tests = index.tests(id, check);
                cells.put(check, tests.isEmpty() ? "-" : tests.stream().map(t -> "`" + t + "`")
                        .collect(Collectors.joining(", ")));
            }
            if ("outside".equals(kind)) {
                cells.put(Check.POSITIVE, current == null ? "not black-box: TODO" : current[2]);
            }
            cells.values().forEach(cell -> out.append(" | ").append(cell));
            out.append(" | ").append(groups(id)).append(" |\n");
        });
        return out.toString();
    }
}
