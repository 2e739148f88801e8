package dev.chatharness.load.compare;

import dev.chatharness.load.report.FanOutSummary;
import dev.chatharness.load.report.LatencyTimeline;
import dev.chatharness.load.report.ReportWriter;
import dev.chatharness.load.report.RunPhases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One earlier run as {@code load compare} reads it back: its summary and its per-second latency.
 *
 * @param timeline empty when the folder has no {@code fanout.hlog} (then the page has no curve for it)
 */
public record ReportFolder(Path dir, FanOutSummary summary, LatencyTimeline timeline) {

    /** Reads a report folder, or says in one line why it cannot be compared. */
    public static ReportFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReportFolderException(Files.exists(dir) ? "'" + dir + "' is a file, not a report folder"
                    : "no such report folder: '" + dir + "'");
        }
        Path summaryFile = dir.resolve(ReportWriter.SUMMARY);
        if (!Files.isRegularFile(summaryFile)) {
            throw new ReportFolderException("'" + dir + "' holds no " + ReportWriter.SUMMARY
                    + ": not the report folder of a load run (--report-dir of load fanout, connections, mix or merge)");
        }
        FanOutSummary summary;
        try {
            summary = ReportWriter.readSummary(dir);
        } catch (IOException e) {
            throw new ReportFolderException("cannot read " + summaryFile + ": " + firstLine(e.getMessage()), e);
        }
        if (!FanOutSummary.SCHEMA.equals(summary.schema())) {
            throw new ReportFolderException(summaryFile + " has schema '" + summary.schema() + "', this version reads '"
                    + FanOutSummary.SCHEMA + "'");
        }
        if (summary.latencyMs() == null || summary.deliveries() == null || summary.connections() == null
                || summary.connections().connectLatencyMs() == null) {
            throw new ReportFolderException(summaryFile + " lacks latencyMs, deliveries or connections: not a complete summary");
        }
        try {
            RunPhases.of(summary);
        } catch (RuntimeException e) {
            throw new ReportFolderException(summaryFile + ": sendPhaseStartedAt '" + summary.sendPhaseStartedAt()
                    + "' is not an ISO time", e);
        }
        LatencyTimeline timeline;
        try {
            timeline = LatencyTimeline.read(dir.resolve(ReportWriter.HLOG));
        } catch (IOException e) {
            throw new ReportFolderException(firstLine(e.getMessage()), e);
        }
        return new ReportFolder(dir, summary, timeline);
    }

    public Optional<RunPhases> phases() {
        return RunPhases.of(summary);
    }

    /** "fanout, 20 x 10, 50/s, 30 s after a 10 s warm-up": what was run, in the words of the flags. */
    public String shape() {
        FanOutSummary s = summary;
        StringBuilder b = new StringBuilder().append(s.scenario()).append(", ").append(s.rooms()).append(" x ")
                .append(s.members()).append(", ").append(num(s.rate())).append("/s, ").append(num(s.durationSeconds()))
                .append(" s");
        if (s.warmupSeconds() > 0) {
            b.append(" after a ").append(num(s.warmupSeconds())).append(" s warm-up");
        }
        if (s.shards().size() > 1) {
            b.append(", ").append(s.shards().size()).append(" shards");
        }
        return b.toString();
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
