package dev.chatharness.reliability;

import dev.chatharness.reliability.support.ChatTraffic;
import dev.chatharness.reliability.support.ServerProcess;
import dev.chatharness.reliability.support.StoredHistory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7, item 1: SIGKILL the server (a separate JVM, file database) while six sockets and two REST clients are
 * sending, restart it on the same file, and find every acked message where it was acked.
 */
@Timeout(180)
class CrashDurabilityTest {
    static final String SECRET = "crash-test-secret";
    /** Well above what the senders reach, so that the rate limit never stops the stream before the kill. */
    static final String UNLIMITED = "1000000:1000000";
    static final int ACKED_BEFORE_KILL = 600;

    @Test
    @DisplayName("every message acked before a SIGKILL is stored after restart, seq 1..n without gap or repeat, and reconnecting clients see it")
    void acked_messages_survive_sigkill(@TempDir Path dir) {
        Path db = dir.resolve("chat");
        ChatTraffic traffic;
        try (ServerProcess first = ServerProcess.start(db, SECRET, UNLIMITED)) {
            traffic = new ChatTraffic(first.baseUrl(), SECRET);
            traffic.start(first.baseUrl());
            traffic.awaitAcked(ACKED_BEFORE_KILL, Duration.ofSeconds(60));
            first.kill(); // mid-stream: every sender is waiting for, or about to send, its next message
            traffic.stop();
        }
        try (traffic; ServerProcess second = ServerProcess.start(db, SECRET, UNLIMITED)) {
            StoredHistory.Verdict verdict = StoredHistory.verify(second.baseUrl(), traffic);
            System.out.printf("crash durability: %d acked messages checked after SIGKILL, %d stored, %d sends unanswered, stored but not acked %s%n",
                    verdict.ackedChecked(), verdict.stored(), traffic.unanswered(), verdict.storedNotAcked());
            assertThat(verdict.problems()).isEmpty();
            assertThat(verdict.ackedChecked()).isEqualTo(traffic.acked().size()).isGreaterThanOrEqualTo(ACKED_BEFORE_KILL);
        }
    }
}
