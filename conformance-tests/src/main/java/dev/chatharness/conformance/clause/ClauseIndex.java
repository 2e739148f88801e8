package dev.chatharness.conformance.clause;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * What the {@link Clause} annotations of the suite say: for each clause, its tests by kind of {@link Check}.
 *
 * <pre>{@code
 * ClauseIndex index = ClauseIndex.of(SuiteClasses.classes());
 * Set<String> negative = index.tests("3.3", Check.NEGATIVE); // {"TenancyConformance#other_tenants_...", ...}
 * }</pre>
 */
public final class ClauseIndex {

    private final Map<String, Map<Check, Set<String>>> byClause = new TreeMap<>(ClauseIndex::compareIds);
    private final List<String> unmapped = new ArrayList<>();

    private ClauseIndex() {
    }

    /** Reads the test methods of {@code classes} ({@code @Test}, {@code @TestFactory}, {@code @ParameterizedTest}). */
    public static ClauseIndex of(List<Class<?>> classes) {
        ClauseIndex index = new ClauseIndex();
        for (Class<?> type : classes) {
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(Test.class) && !method.isAnnotationPresent(TestFactory.class)
                        && !method.isAnnotationPresent(ParameterizedTest.class)) {
                    continue;
                }
                String test = type.getSimpleName() + "#" + method.getName();
                Clause[] clauses = method.getAnnotationsByType(Clause.class);
                if (clauses.length == 0) {
                    index.unmapped.add(test);
                }
                for (Clause clause : clauses) {
                    index.byClause.computeIfAbsent(clause.id(), id -> new EnumMap<>(Check.class))
                            .computeIfAbsent(clause.check(), c -> new TreeSet<>()).add(test);
                }
            }
        }
        return index;
    }

    /** Clause ids that at least one test names, in contract order. */
    public Set<String> clauses() {
        return byClause.keySet();
    }

    /** Tests showing {@code check} of clause {@code id} ({@code Class#method}); empty when none. */
    public Set<String> tests(String id, Check check) {
        return byClause.getOrDefault(id, Map.of()).getOrDefault(check, Set.of());
    }

    /** Every test naming clause {@code id}, whatever the check. */
    public Set<String> tests(String id) {
        Set<String> all = new TreeSet<>();
        Arrays.stream(Check.values()).forEach(check -> all.addAll(tests(id, check)));
        return all;
    }

    /** Tests without any {@link Clause}: each is a check the matrix cannot account for. */
    public List<String> unmapped() {
        return List.copyOf(unmapped);
    }

    /** Orders "2.10" after "2.9": clause numbers compare part by part, as numbers. */
    public static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
