package dev.chatharness.conformance.clause;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The numbered obligations of {@code specs/contract.md}, each with its kind: a plain obligation, one that states a
 * figure (<em>limit</em>: it needs a boundary check) or one a client cannot observe (<em>outside the suite's
 * reach</em>: no check, and no fault switch, can show it).
 *
 * <pre>{@code
 * ContractClauses contract = ContractClauses.read(Path.of("specs/contract.md"));
 * contract.kind("7.3");         // Kind.LIMIT
 * contract.checkable();         // every id but those outside the suite's reach
 * }</pre>
 */
public final class ContractClauses {

    /** What a clause asks of its checks. */
    public enum Kind { PLAIN, LIMIT, OUTSIDE_REACH }

    private static final Pattern CLAUSE = Pattern.compile(
            "^- \\*\\*§(\\d+\\.\\d+)\\*\\*( \\*limit\\*)?( \\*outside the suite's reach\\*)?", Pattern.MULTILINE);

    private final Map<String, Kind> kinds;

    private ContractClauses(Map<String, Kind> kinds) {
        this.kinds = Collections.unmodifiableMap(kinds);
    }

    /** Reads the contract; a clause is a list item that starts with its bold number, e.g. {@code - **§3.3** ...}. */
    public static ContractClauses read(Path contract) {
        String text;
        try {
            text = Files.readString(contract);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the contract " + contract, e);
        }
        Map<String, Kind> kinds = new TreeMap<>(ClauseIndex::compareIds);
        Matcher m = CLAUSE.matcher(text);
        while (m.find()) {
            kinds.put(m.group(1), m.group(3) != null ? Kind.OUTSIDE_REACH : m.group(2) != null ? Kind.LIMIT : Kind.PLAIN);
        }
        return new ContractClauses(kinds);
    }

    /** Every clause id with its kind, in contract order. */
    public Map<String, Kind> kinds() {
        return kinds;
    }

    public Kind kind(String id) {
        return kinds.get(id);
    }

    /** The clauses a client can observe: those a check, and a fault switch, can be about. */
    public Set<String> checkable() {
        return kinds.entrySet().stream().filter(e -> e.getValue() != Kind.OUTSIDE_REACH).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(() -> new java.util.TreeSet<>(ClauseIndex::compareIds)));
    }
}
