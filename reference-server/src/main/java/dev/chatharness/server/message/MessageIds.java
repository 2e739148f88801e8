package dev.chatharness.server.message;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;

/**
 * Where a new message's id comes from: a time-ordered UUID (version 7, RFC 9562), not a random one (version 4).
 *
 * <p>Why: every message is a new entry in the message table's primary key index. A random id lands at a random
 * place of that B-tree, so each insert searches and copies a page nobody touched recently; a time-ordered id lands at
 * its right edge, which stays in the CPU's caches. {@code bench/insert-cost.sh} measured the difference (see
 * docs/performance.md). Clients see an ordinary UUID string either way; the contract asks nothing more of an id.
 */
final class MessageIds {
    /** Thread-safe: it takes a lock per id, so that ids made at once on Jetty's threads still differ and sort. */
    private static final NoArgGenerator TIME_ORDERED = Generators.timeBasedEpochGenerator();

    private MessageIds() {
    }

    static String next() {
        return TIME_ORDERED.generate().toString();
    }
}
