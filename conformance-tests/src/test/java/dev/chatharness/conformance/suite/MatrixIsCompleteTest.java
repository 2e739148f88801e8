package dev.chatharness.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.conformance.ConformanceTags;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;

/** Keeps docs/conformance-matrix.md true, and every test tagged with a known group and named after its clause. */
class MatrixIsCompleteTest {

    private static final Path MATRIX = Path.of("../docs/conformance-matrix.md");
    private static final Pattern REFERENCE = Pattern.compile("`(\\w+Conformance)#(\\w+)`");

    @Test
    void every_test_is_in_the_matrix_and_every_name_in_the_matrix_is_a_test() throws IOException {
        Set<String> tests = new TreeSet<>();
        for (String className : SuiteClasses.ALL) {
            for (Method method : testMethods(className)) {
                tests.add(method.getDeclaringClass().getSimpleName() + "#" + method.getName());
            }
        }
        Set<String> mentioned = new TreeSet<>();
        Matcher m = REFERENCE.matcher(Files.readString(MATRIX));
        while (m.find()) {
            mentioned.add(m.group(1) + "#" + m.group(2));
        }
        assertThat(tests).as("tests missing from " + MATRIX).isSubsetOf(mentioned);
        assertThat(mentioned).as("names in " + MATRIX + " that are no test").isSubsetOf(tests);
    }

    @Test
    void every_test_has_one_known_group_and_a_clause_as_its_name() throws ClassNotFoundException {
        for (String className : SuiteClasses.ALL) {
            Class<?> type = Class.forName(className);
            assertThat(type.getAnnotation(DisplayName.class)).as(className + " @DisplayName").isNotNull();
            for (Method method : testMethods(className)) {
                Set<String> tags = new TreeSet<>();
                Arrays.stream(type.getAnnotationsByType(Tag.class)).forEach(t -> tags.add(t.value()));
                Arrays.stream(method.getAnnotationsByType(Tag.class)).forEach(t -> tags.add(t.value()));
                assertThat(tags).as(method + " groups").hasSize(1);
                assertThat(ConformanceTags.ALL).as(method + " group").containsAll(tags);
                assertThat(method.getAnnotation(DisplayName.class).value()).as(method + " clause").startsWith("§");
            }
        }
    }

    private static Method[] testMethods(String className) {
        try {
            return Arrays.stream(Class.forName(className).getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(TestFactory.class)
                            || m.isAnnotationPresent(ParameterizedTest.class))
                    .toArray(Method[]::new);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(className, e);
        }
    }
}
