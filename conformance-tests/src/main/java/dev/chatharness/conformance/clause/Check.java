package dev.chatharness.conformance.clause;

/** The three kinds of evidence the conformance matrix asks of every clause. */
public enum Check {
    /** What the clause promises happens: the event arrives, the call succeeds, the answer has its shape. */
    POSITIVE,
    /** What must not happen: who must not receive, what a refused call must leave unchanged, what must be refused. */
    NEGATIVE,
    /** A figure the clause states, checked exactly at the limit and one past it. */
    BOUNDARY;

    /** The column heading of the matrix. */
    public String heading() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
