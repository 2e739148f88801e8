package dev.chatharness.conformance;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which tests of the suite a run executes: groups ({@code --tags}) and clauses of the contract ({@code --clauses});
 * both empty runs everything, both given runs the tests that are in one of the groups and check one of the clauses.
 *
 * @param tags    groups, see {@link ConformanceTags#ALL}
 * @param clauses clause numbers of {@code specs/contract.md} without the section sign, e.g. {@code 3.3}
 */
public record Selection(Set<String> tags, Set<String> clauses) {

    public Selection {
        tags = Set.copyOf(tags);
        clauses = Set.copyOf(clauses);
    }

    public static Selection all() {
        return new Selection(Set.of(), Set.of());
    }

    public static Selection tags(Set<String> tags) {
        return new Selection(tags, Set.of());
    }

    public static Selection clauses(Set<String> clauses) {
        return new Selection(Set.of(), clauses);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (!tags.isEmpty()) {
            text.append("tags ").append(new TreeSet<>(tags));
        }
        if (!clauses.isEmpty()) {
            text.append(text.isEmpty() ? "" : ", ").append("clauses ").append(new TreeSet<>(clauses));
        }
        return text.isEmpty() ? "everything" : text.toString();
    }
}
