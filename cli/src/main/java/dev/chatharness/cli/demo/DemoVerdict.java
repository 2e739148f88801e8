package dev.chatharness.cli.demo;

import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.GroupSummary;
import dev.chatharness.load.LoadResult;
import dev.chatharness.load.report.FanOutSummary;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The demo's verdict: conformance per group, then the fan-out figures, then where the reports are. */
record DemoVerdict(ConformanceResult conformance, LoadResult load) {

    boolean passed() {
        return conformance.status() == ConformanceResult.Status.PASSED && load.passed();
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-16s %7s %7s %8s%n", "conformance", "passed", "failed", "skipped"));
        for (GroupSummary g : conformance.groups().values()) {
            out.append(String.format(Locale.ROOT, "%-16s %7d %7d %8d%n", g.group(), g.passed(), g.failed(), g.skipped()));
        }
        out.append(String.format(Locale.ROOT, "%-16s %7d %7d %8d%n", "total", conformance.passed(), conformance.failed(),
                conformance.skipped()));
        out.append('\n');
        FanOutSummary s = load.summary();
        if (s != null) {
            out.append(String.format(Locale.ROOT, "%-16s %9s %9s %14s %6s%n", "fan-out load", "p50 ms", "p99 ms",
                    "deliveries/s", "lost"));
            out.append(String.format(Locale.ROOT, "%-16s %9s %9s %14.0f %6d%n",
                    s.rooms() + "x" + s.members() + " @" + trim(s.rate()) + "/s",
                    fmt(s.latencyMs().p50()), fmt(s.latencyMs().p99()), s.deliveriesPerSecond(), s.deliveries().lost()));
        } else {
            out.append("fan-out load: ").append(load.message()).append('\n');
        }
        out.append('\n');
        out.append("conformance report: ").append(conformance.report().map(p -> p.toAbsolutePath().toString())
                .orElse("(none)")).append('\n');
        out.append("load report:        ").append(load.reportDir().toAbsolutePath()).append('\n');
        out.append(passed() ? "VERDICT: PASS\n" : "VERDICT: FAIL (" + conformance.message() + "; load: " + load.message() + ")\n");
        return out.toString();
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", passed());
        json.put("conformance", Map.of("status", conformance.status().name(), "passed", conformance.passed(),
                "failed", conformance.failed(), "skipped", conformance.skipped(),
                "groups", conformance.groups().values(),
                "report", conformance.report().map(p -> p.toAbsolutePath().toString()).orElse("")));
        Map<String, Object> loadJson = new LinkedHashMap<>();
        loadJson.put("exitCode", load.exitCode());
        loadJson.put("message", load.message());
        loadJson.put("reportDir", load.reportDir().toAbsolutePath().toString());
        loadJson.put("summary", load.summary());
        json.put("load", loadJson);
        return json;
    }

    private static String fmt(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String trim(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }
}
