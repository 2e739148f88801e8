package dev.chatharness.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/** Helpers for the short runs the build makes against a local target. */
final class SmokeRuns {

    private SmokeRuns() {
    }

    static LoadOptions.Builder smallRun(Scenario scenario, ReferenceTarget target, String folder) {
        return LoadOptions.builder()
                .scenario(scenario)
                .target(target.url())
                .jwtSecret(ReferenceTarget.SECRET)
                .rooms(4).members(5).rate(20)
                .duration(Duration.ofSeconds(5))
                .grace(Duration.ofSeconds(2))
                .reportDir(Path.of("target", "load-smoke", folder))
                .progressInterval(Duration.ofSeconds(2));
    }

    /** Runs and returns the result with everything printed, so a failing assertion can show it. */
    static Run run(LoadOptions options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LoadResult result = new LoadRunner().run(options, out);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        return new Run(result, printed);
    }

    record Run(LoadResult result, String printed) {
    }

    /** Every interval of an .hlog added into one histogram. */
    static Histogram readHlog(Path file) throws IOException {
        return readHlog(file, null);
    }

    /** The sum of the log's intervals tagged {@code tag} (null: the untagged ones, as HdrHistogram's tools read). */
    static Histogram readHlog(Path file, String tag) throws IOException {
        Histogram total = new Histogram(3_600_000_000L, 3);
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        try {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                if (java.util.Objects.equals(tag, next.getTag())) {
                    total.add((Histogram) next);
                }
            }
        } finally {
            reader.close();
        }
        return total;
    }

    /** The total count of a request row in Gatling's HTML report, if the row is there. */
    static Optional<Long> gatlingRowCount(Path reportDir, String row) throws IOException {
        Path gatling = reportDir.resolve("gatling");
        Optional<Path> index;
        try (Stream<Path> files = Files.walk(gatling)) {
            index = files.filter(p -> p.getFileName().toString().equals("index.html"))
                    .max((a, b) -> a.toString().compareTo(b.toString()));
        }
        if (index.isEmpty()) {
            return Optional.empty();
        }
        String html = Files.readString(index.get());
        Matcher m = Pattern.compile("class=\"ellipsed-name\">" + Pattern.quote(row)
                + "</span>.*?<td class=\"value total col-2\">([\\d,]+)</td>", Pattern.DOTALL).matcher(html);
        return m.find() ? Optional.of(Long.parseLong(m.group(1).replace(",", ""))) : Optional.empty();
    }
}
