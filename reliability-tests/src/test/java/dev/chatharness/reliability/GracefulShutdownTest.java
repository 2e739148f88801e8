package dev.chatharness.reliability;

import dev.chatharness.reliability.support.ChatTraffic;
import dev.chatharness.reliability.support.LiveSocket;
import dev.chatharness.reliability.support.ServerProcess;
import dev.chatharness.reliability.support.StoredHistory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7, item 5: SIGTERM the server (a separate JVM, file database) while clients are sending over sockets and
 * REST. Its shutdown hook must finish what is in flight and answer it, tell every socket it is a server disconnect
 * (so the official client does not reconnect), flush the database and exit; after a restart every acked message is
 * there and nothing is stored that was not acked. {@link SigtermRestTest} repeats the REST half many times.
 */
@Timeout(180)
class GracefulShutdownTest {
    static final String SECRET = "sigterm-test-secret";

    @Test
    @DisplayName("on SIGTERM in-flight sends are answered, sockets get 'io server disconnect', and no acked message is lost")
    void sigterm_loses_no_acked_message(@TempDir Path dir) {
        Path db = dir.resolve("chat");
        ChatTraffic traffic;
        List<String> reasons = new ArrayList<>();
        try (ServerProcess first = ServerProcess.start(db, SECRET, CrashDurabilityTest.UNLIMITED)) {
            traffic = new ChatTraffic(first.baseUrl(), SECRET);
            traffic.start(first.baseUrl());
            traffic.awaitAcked(CrashDurabilityTest.ACKED_BEFORE_KILL, Duration.ofSeconds(60));
            int exit = first.terminate(Duration.ofSeconds(30));
            for (LiveSocket socket : traffic.sockets()) {
                reasons.add(socket.awaitDisconnect(Duration.ofSeconds(2)));
            }
            traffic.stop();
            assertThat(first.output()).as("the shutdown hook ran to the end").contains("closed");
            assertThat(exit).as("exit code after SIGTERM").isEqualTo(143);
        }
        try (traffic; ServerProcess second = ServerProcess.start(db, SECRET, CrashDurabilityTest.UNLIMITED)) {
            StoredHistory.Verdict verdict = StoredHistory.verify(second.baseUrl(), traffic);
            System.out.printf("graceful shutdown: %d acked messages checked after SIGTERM, %d stored, %d sends unanswered, stored but not acked %s,"
                    + " disconnect reasons %s%n", verdict.ackedChecked(), verdict.stored(), traffic.unanswered(), verdict.storedNotAcked(), reasons);
            assertThat(verdict.problems()).isEmpty();
            assertThat(verdict.ackedChecked()).isEqualTo(traffic.acked().size());
            assertThat(reasons).as("every socket was told it is a server disconnect")
                    .hasSize(traffic.sockets().size()).containsOnly("io server disconnect");
            // Socket events and REST requests in flight are finished and answered before the server goes: nothing is
            // stored that its sender did not hear of.
            assertThat(verdict.storedNotAcked()).as("messages stored but never acked or answered 201").isEmpty();
        }
    }
}
