package dev.chatharness.reliability.support;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs conformance-suite classes (main code of {@code conformance-tests}) the way its runner does: through the JUnit
 * Platform Launcher, with the target given as {@code chat.*} configuration parameters.
 */
public final class SuiteLauncher {
    private SuiteLauncher() {
    }

    /** Runs {@code suiteClass} against {@code baseUrl}; returns the summary (failures with their messages). */
    public static TestExecutionSummary run(Class<?> suiteClass, String baseUrl, String secret) {
        return run(suiteClass, baseUrl, secret, Map.of());
    }

    /** Same, with more profile settings as {@code chat.*} parameters (e.g. {@code chat.jwtIssuer}). */
    public static TestExecutionSummary run(Class<?> suiteClass, String baseUrl, String secret, Map<String, String> more) {
        Map<String, String> parameters = new java.util.HashMap<>(more);
        parameters.put("chat.target", baseUrl);
        parameters.put("chat.jwtSecret", secret);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(suiteClass))
                .configurationParameters(parameters)
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        return summary.getSummary();
    }

    /** The summary with every failure's message, for an assertion message. */
    public static String describe(TestExecutionSummary summary) {
        StringWriter out = new StringWriter();
        summary.printTo(new PrintWriter(out));
        summary.getFailures().forEach(f -> out.append("\n- ").append(f.getTestIdentifier().getDisplayName())
                .append(": ").append(String.valueOf(f.getException().getMessage())));
        return out.toString();
    }
}
