package dev.chatharness.conformance.report;

import dev.chatharness.conformance.ConformanceResult;
import dev.chatharness.conformance.GroupSummary;
import dev.chatharness.conformance.TargetCrash;
import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.conformance.TestOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes the readable report: verdict, per-group summary, each failure's clause with expected and observed, skips. */
public final class MarkdownReport {

    /** AssertJ puts the check's description in brackets before what it saw. */
    private static final Pattern DESCRIBED = Pattern.compile("^\\[(.+?)\\]\\s*(.*)$");

    private MarkdownReport() {
    }

    public static Path write(Path file, TargetProfile profile, ConformanceResult result, Instant startedAt)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Chat v2 conformance report\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| target | `").append(profile.target()).append("` (Socket.IO path `").append(profile.socketPath())
                .append("`, namespace `").append(profile.namespace()).append("`) |\n");
        md.append("| tokens | ").append(profile.mintsTokens() ? "minted HS256 for fresh random tenants and users"
                : "pre-issued, from " + profile.tokensFile().orElseThrow().getFileName()).append(" |\n");
        md.append("| declared limits | message ").append(profile.messageRate()).append(", typing ")
                .append(profile.typingRate()).append(" |\n");
        md.append("| declared unsupported | ").append(profile.unsupported().isEmpty() ? "none" : profile.unsupported())
                .append(" |\n");
        md.append("| started | ").append(startedAt).append(" |\n");
        md.append("| duration | ").append(String.format("%.1f s", result.duration().toMillis() / 1000.0)).append(" |\n");
        md.append("| verdict | **").append(result.status()).append("** (exit code ").append(result.exitCode())
                .append("): ").append(result.passed()).append(" passed, ").append(result.failed()).append(" failed, ")
                .append(result.skipped()).append(" skipped")
                .append(result.notRun() > 0 ? ", " + result.notRun() + " not run" : "").append(" |\n\n");
        result.crash().ifPresent(crash -> crashFinding(md, crash, result.notRun()));

        md.append("## Groups\n\n| group | passed | failed | skipped | not run |\n|---|---:|---:|---:|---:|\n");
        for (GroupSummary group : result.groups().values()) {
            md.append("| ").append(group.group()).append(" | ").append(group.passed()).append(" | ")
                    .append(group.failed()).append(" | ").append(group.skipped()).append(" | ").append(group.notRun())
                    .append(" |\n");
        }

        md.append("\n## Failures\n\n");
        if (result.failures().isEmpty()) {
            md.append("None.\n");
        }
        for (TestOutcome failure : result.failures()) {
            md.append("### ").append(failure.clause()).append("\n\n");
            md.append("- group: `").append(failure.group()).append("`, test: `").append(failure.testId()).append("`\n");
            md.append("- expected: ").append(expected(failure)).append("\n");
            md.append("- observed: ").append(observed(failure)).append("\n\n");
        }

        long skipped = result.skipped();
        if (skipped > 0) {
            md.append("\n## Skipped (declared unsupported or not checkable with this profile)\n\n");
            for (TestOutcome test : result.tests()) {
                if (test.status() == TestOutcome.Status.SKIPPED) {
                    md.append("- [").append(test.group()).append("] ").append(test.clause()).append(": ")
                            .append(test.detail()).append("\n");
                }
            }
        }

        md.append("\n## All tests\n\n| result | group | clause | ms |\n|---|---|---|---:|\n");
        for (TestOutcome test : result.tests()) {
            md.append("| ").append(test.status()).append(" | ").append(test.group()).append(" | ")
                    .append(test.clause().replace("|", "\\|")).append(" | ").append(test.duration().toMillis())
                    .append(" |\n");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** A crash outranks every failure: it goes first, as what it is, a denial of service any client can cause. */
    private static void crashFinding(StringBuilder md, TargetCrash crash, long notRun) {
        md.append("## Security finding: the target stopped answering\n\n");
        md.append("The ").append(crash.summary()).append(" (noticed at ").append(crash.at()).append(").\n\n");
        crash.input().ifPresent(input -> md.append("- input: `").append(input.replace("`", "'")).append("`\n"));
        md.append("- impact: any client that can open a connection can send this and take the service down for every"
                + " user (denial of service)\n");
        md.append("- mitigation: ").append(crash.mitigation()).append("\n");
        md.append("- ").append(notRun).append(" later tests were not run: they have no verdict, and are not counted as"
                + " failures of their clauses. Fix the crash and run the suite again.\n\n");
    }

    /** The clause, sharpened by the check's own description when the assertion has one. */
    private static String expected(TestOutcome failure) {
        Matcher m = DESCRIBED.matcher(failure.detail());
        return m.matches() ? failure.clause() + " (check: " + m.group(1) + ")" : failure.clause();
    }

    private static String observed(TestOutcome failure) {
        Matcher m = DESCRIBED.matcher(failure.detail());
        return m.matches() ? m.group(2) : failure.detail();
    }
}
