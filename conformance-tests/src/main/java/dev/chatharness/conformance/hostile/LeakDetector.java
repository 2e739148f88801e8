package dev.chatharness.conformance.hostile;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what must never reach a client: a stack-trace line, an exception class name or a fully qualified class
 * name of a JVM, Node or Python server.
 */
final class LeakDetector {
    private static final Pattern LEAK = Pattern.compile(
            "\\bat [\\w$.<>]+\\([\\w$.]+\\.(?:java|kt|scala|js|ts|py):\\d+\\)"        // JVM / JS stack frame
            + "|\\bat [\\w$.<>]+ \\((?:/|file:|node:)[^)]*:\\d+:\\d+\\)"                // Node stack frame
            + "|Traceback \\(most recent call last\\)"                                   // Python
            + "|\\b[A-Z]\\w*(?:Exception|Error)\\b(?!\\w)"                               // NullPointerException, TypeError
            + "|\\b(?:java|javax|jakarta|kotlin|scala|sun|org|com|io|dev|net)\\.[a-z]\\w*\\.[\\w.$]*[A-Z]\\w*"); // FQCN

    private LeakDetector() {
    }

    /** The first leaking fragment of {@code text}, if any. */
    static Optional<String> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = LEAK.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }
}
