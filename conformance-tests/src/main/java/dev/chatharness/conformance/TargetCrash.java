package dev.chatharness.conformance;

import java.time.Instant;
import java.util.Optional;

/**
 * The target stopped answering during a run: the one finding that outranks every other, since any client could take
 * the service down the same way.
 *
 * @param trigger    what the suite had just sent, e.g. {@code hostile case huge.jsonl#many-args: EVENT with 100,000
 *                   arguments}, or the test that was running when no hostile input was involved
 * @param input      the input itself, shortened for the report, when a single input was involved
 * @param mitigation what a team does about it, in plain words
 * @param at         when the suite noticed
 */
public record TargetCrash(String trigger, Optional<String> input, String mitigation, Instant at) {

    /** The one line the progress output and the CLI print first. */
    public String summary() {
        return "target stopped answering after " + trigger;
    }
}
