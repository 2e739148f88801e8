package dev.chatharness.conformance.clause;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps only the tests that name one of the chosen clauses in a {@link Clause} annotation, so that a run can be
 * limited to "the checks of §3.3" (the CLI's {@code --clauses}, and the self-test's one fault at a time).
 */
public final class ClauseFilter implements PostDiscoveryFilter {

    private final Set<String> clauses;

    public ClauseFilter(Set<String> clauses) {
        this.clauses = Set.copyOf(clauses);
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Optional<Method> method = descriptor.getSource().filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast).map(ClauseFilter::javaMethod);
        if (method.isEmpty()) {
            // Classes and the engine: JUnit prunes them once none of their tests is left.
            return FilterResult.included("not a test method");
        }
        boolean named = Arrays.stream(method.get().getAnnotationsByType(Clause.class)).anyMatch(c -> clauses.contains(c.id()));
        return FilterResult.includedIf(named, () -> "checks one of " + clauses, () -> "checks none of " + clauses);
    }

    private static Method javaMethod(MethodSource source) {
        try {
            return source.getJavaMethod();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load the test method " + source, e);
        }
    }
}
