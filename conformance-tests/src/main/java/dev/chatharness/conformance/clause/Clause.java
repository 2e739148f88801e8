package dev.chatharness.conformance.clause;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a clause of the contract ({@code specs/contract.md}) that a conformance test checks, and how.
 *
 * <pre>{@code
 * @Test
 * @Clause(id = "3.3", check = Check.NEGATIVE)
 * @Clause(id = "3.9", check = Check.NEGATIVE)
 * @DisplayName("§3.3 Another tenant's conversation answers 404, exactly like one that does not exist")
 * void other_tenants_conversation_is_not_found_over_rest(Target target) { ... }
 * }</pre>
 *
 * The annotations are the one source of the clause-to-test map: {@code docs/conformance-matrix.md} must say the same
 * (a build test compares them), the runner selects tests by clause ({@code --clauses 3.3}), and the self-test breaks
 * each clause on purpose and runs exactly these tests to show that they notice.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Clauses.class)
public @interface Clause {

    /** The clause number without the section sign, e.g. {@code "3.3"}. */
    String id();

    /** What the test shows about the clause. */
    Check check();
}
