package dev.chatharness.load.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chatharness.load.fanout.FanOutRecorder.SeriesPoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a run's report folder: {@value #SUMMARY}, {@value #HTML} and {@value #CONNECT_HLOG} (the fan-out
 * {@value #HLOG} is written during the run, one interval a second, and must be complete before {@link #write}:
 * the page's per-second chart is read from it). Gatling's own report goes to {@code gatling/} beside them.
 */
public final class ReportWriter {

    public static final String SUMMARY = "fanout-summary.json";
    public static final String HTML = "fanout-report.html";
    public static final String HLOG = "fanout.hlog";
    public static final String CONNECT_HLOG = "connect.hlog";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(Path dir, FanOutSummary summary, Histogram latency, Histogram connect,
                             List<SeriesPoint> series) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(SUMMARY).toFile(), summary);
        LatencyTimeline timeline = LatencyTimeline.read(dir.resolve(HLOG));
        Files.writeString(dir.resolve(HTML), HtmlReport.render(summary, latency, series, timeline),
                StandardCharsets.UTF_8);
        writeSingleInterval(dir.resolve(CONNECT_HLOG), connect, "connect latency, microseconds, whole run");
    }

    public static FanOutSummary readSummary(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(SUMMARY).toFile(), FanOutSummary.class);
    }

    static void writeSingleInterval(Path file, Histogram histogram, String comment) throws IOException {
        try (PrintStream out = new PrintStream(file.toFile(), StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("chat-harness " + comment);
            writer.outputLogFormatVersion();
            writer.setBaseTime(0);
            writer.outputLegend();
            writer.outputIntervalHistogram(histogram);
        }
    }
}
