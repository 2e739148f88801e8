package dev.chatharness.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Java example as a user runs it: a separate JVM, {@code --url} and the two tokens in the environment, against
 * any target. alice and bob must exchange every room event and the program must exit 0.
 *
 * <pre>{@code
 * try (ExampleTarget target = launcher.start(null)) {
 *     JavaExampleRun.expectEveryRoomEvent(target);
 * }
 * }</pre>
 */
public final class JavaExampleRun {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    private JavaExampleRun() {
    }

    public static void expectEveryRoomEvent(ExampleTarget target) throws Exception {
        Tokens tokens = new Tokens(target.jwtSecret(), "acme");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChatClientExample.class.getName(), "--url", target.url(), "--timeout-seconds", "30");
        builder.environment().put("CHAT_TOKEN_A", tokens.forUser("alice"));
        builder.environment().put("CHAT_TOKEN_B", tokens.forUser("bob"));

        try (ChildProcess example = ChildProcess.start("java-example", builder)) {
            Integer exit = example.awaitExit(EXIT_TIMEOUT).orElse(null);
            String transcript = example.transcript();

            assertThat(exit).as(transcript).isEqualTo(0);
            assertThat(example.stdoutLines()).as(transcript)
                    .anyMatch(line -> line.startsWith("[bob] <- conversation-created "))
                    .anyMatch(line -> line.startsWith("[bob] <- message ") && line.contains("hello from alice"))
                    .anyMatch(line -> line.startsWith("[alice] <- typing "))
                    .anyMatch(line -> line.startsWith("[alice] <- message-read "))
                    .anyMatch(line -> line.startsWith("[bob] <- message-edited ") && line.contains("(edited)"))
                    .anyMatch(line -> line.startsWith("[bob] <- message-deleted "))
                    .anyMatch(line -> line.startsWith("[alice] <- message ") && line.contains("hello from bob"));
            assertThat(example.stdoutLines()).as(transcript).last().asString().startsWith("OK: ");
        }
    }
}
