package dev.chatharness.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A storm slowed by dropped handshakes says so, in the terminal and in the HTML report; a clean one does not. */
class RetransmitNoteTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("retransmitted handshakes are counted and explained")
    void retransmissions_are_reported_with_their_likely_cause() throws IOException {
        Path report = new ReportFixture().scenario("connections").connectMillis(900, 1200, 4100)
                .synRetransmits(1539L).write(dir.resolve("storm"));
        FanOutSummary summary = ReportWriter.readSummary(report);

        assertThat(printed(summary)).contains("note: 1539 TCP handshakes were retransmitted on this machine")
                .contains("accept queue (listen backlog)");
        assertThat(Files.readString(report.resolve(ReportWriter.HTML)))
                .contains("TCP handshakes retransmitted (this machine)</th><td>1539")
                .contains("1539 TCP handshakes were retransmitted");
    }

    @Test
    @DisplayName("no note when no handshake was retransmitted, or when the machine cannot tell")
    void no_note_without_retransmissions() throws IOException {
        FanOutSummary clean = ReportWriter.readSummary(new ReportFixture().scenario("connections")
                .connectMillis(20, 30).write(dir.resolve("clean")));
        Path unknown = new ReportFixture().scenario("connections").connectMillis(20, 30).synRetransmits(null)
                .write(dir.resolve("unknown"));

        assertThat(printed(clean)).doesNotContain("note:");
        assertThat(clean.connections().synRetransmits()).isZero();
        assertThat(ReportWriter.readSummary(unknown).connections().synRetransmits()).isNull();
        assertThat(Files.readString(unknown.resolve(ReportWriter.HTML))).contains("not readable here");
    }

    private static String printed(FanOutSummary summary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SummaryPrinter.print(summary, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
