package dev.chatharness.conformance.harness;

import dev.chatharness.conformance.TargetProfile;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each conformance test a {@link Target} built from the JUnit configuration parameters
 * ({@code chat.*}, the form {@link TargetProfile#toProperties()} writes; system properties are
 * read too, so {@code mvn -Dchat.target=...} works), and after the test closes its sockets and
 * fails it if any payload it received broke its schema. When a test fails, it asks {@link TargetHealth} whether the
 * target still answers: if not, the failure becomes a {@link TargetCrashedError} naming what killed it, and every
 * later test is aborted as not run.
 */
public final class TargetExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback,
        TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TargetExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Target.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Shared shared = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Shared.class, k -> Shared.create(context), Shared.class);
        Target target = shared.clients.newTarget();
        context.getStore(NAMESPACE).put(Target.class, target);
        return target;
    }

    /** Once the target has stopped answering, the remaining tests are not run (and not counted as failures). */
    @Override
    public void beforeEach(ExtensionContext context) {
        Shared shared = context.getRoot().getStore(NAMESPACE).get(Shared.class, Shared.class);
        if (shared != null) {
            shared.clients.health.crash().ifPresent(crash -> {
                throw new TargetStoppedException(crash);
            });
        }
    }

    /** A failure may be the target dying: if it no longer answers, say that instead of what the test saw. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Target target = context.getStore(NAMESPACE).get(Target.class, Target.class);
        if (target == null || failure instanceof TargetCrashedError || failure instanceof TargetStoppedException) {
            throw failure;
        }
        var crash = target.health().checkAfterFailure(context.getDisplayName());
        if (crash.isPresent()) {
            throw new TargetCrashedError(crash.get(), failure);
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Target target = context.getStore(NAMESPACE).remove(Target.class, Target.class);
        if (target == null) {
            return;
        }
        List<String> violations;
        try {
            violations = target.schemaViolations();
        } finally {
            target.close();
        }
        if (!violations.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("§7 every payload matches its schema: " + violations.get(0)
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        }
    }

    /** The run's shared clients, closed by JUnit when the run ends. */
    private static final class Shared implements AutoCloseable {
        final Clients clients;

        private Shared(TargetProfile profile) {
            this.clients = new Clients(profile);
        }

        static Shared create(ExtensionContext context) {
            return new Shared(TargetProfile.fromProperties(context::getConfigurationParameter));
        }

        @Override
        public void close() {
            clients.close();
        }
    }
}
