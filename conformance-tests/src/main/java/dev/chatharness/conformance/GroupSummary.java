package dev.chatharness.conformance;

/** Counts of one group (tag) of tests. */
public record GroupSummary(String group, int passed, int failed, int skipped, int notRun) {

    public int total() {
        return passed + failed + skipped + notRun;
    }
}
