package dev.chatharness.load;

import dev.chatharness.common.exit.TargetUnreachableException;
import dev.chatharness.common.time.Durations;
import dev.chatharness.load.fanout.FanOutRecorder;
import dev.chatharness.load.report.FanOutSummary;
import dev.chatharness.load.report.SummaryPrinter;
import dev.chatharness.load.simulation.LoadConfig;
import dev.chatharness.load.simulation.LoadRun;
import com.typesafe.config.ConfigFactory;
import io.gatling.app.Gatling$;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one load scenario in this JVM through Gatling and reports on it: the Java API behind
 * {@code chat-harness load fanout|connections|mix}.
 *
 * <pre>{@code
 * LoadResult result = new LoadRunner().run(options, System.out);  // progress lines, then the summary
 * int exit = result.exitCode();                                   // 0 passed, 1 failed, 3 unreachable (ExitCode)
 * }</pre>
 *
 * <p>Invalid options throw {@link IllegalArgumentException} with a message naming the bad value (the CLI's usage
 * error). Runs are sequential: Gatling reads its settings from system properties, so one JVM runs one at a time.
 */
public final class LoadRunner {

    private static final Object ONE_AT_A_TIME = new Object();
    /**
     * Gatling leaves its event loop count to Netty, which starts two per core. With one per core each loop finds
     * more sockets ready per wake-up: at 1,600 msg/s against the Node target the generator woke about once per two
     * deliveries, and its CPU per delivery fell from 17.5 to 15.7 µs (docs/performance.md). Netty reads the
     * property once per JVM, when its first event loop group is made; a value the user set is kept.
     */
    static final String NETTY_EVENT_LOOPS = "io.netty.eventLoopThreads";
    /**
     * Netty's leak detector records a stack trace for one buffer in 128, and the WebSocket decoder allocates a
     * buffer per frame: a generator that runs no leak hunt pays for it on every delivery. Off, the generator cost
     * 0.5-1.7 µs less per delivery in each of three A/B turns at 1,600 msg/s against the Node target
     * (docs/performance.md). Netty reads the property once per JVM, when the detector's class is loaded (by the
     * run's first buffer); a level the user set, under either of Netty's two names, is kept.
     */
    static final String NETTY_LEAK_DETECTION = "io.netty.leakDetection.level";
    private static final String NETTY_LEAK_DETECTION_OLD_NAME = "io.netty.leakDetectionLevel";

    public LoadResult run(LoadOptions options, PrintStream progress) {
        requireOpenJavaLang();
        synchronized (ONE_AT_A_TIME) {
            return run(LoadConfig.freshRun(options), progress);
        }
    }

    private LoadResult run(LoadConfig config, PrintStream out) {
        LoadOptions o = config.options();
        Path reportDir = o.reportDir().toAbsolutePath();
        LoadRun run;
        try {
            Files.createDirectories(reportDir);
            out.printf(Locale.ROOT, "load %s: target %s, %d rooms x %d members (shard %s owns %d), %s/s, %s%s%n",
                    o.scenario().cliName(), o.target(), o.rooms(), o.members(), o.shard(), o.ownedRooms(),
                    trim(o.rate()), Durations.format(o.duration()),
                    o.warmup().isZero() ? "" : " after a " + Durations.format(o.warmup()) + " warm-up");
            run = LoadRun.prepare(config);
        } catch (TargetUnreachableException e) {
            return unreachable(reportDir, e.getMessage(), out);
        } catch (ConnectException | HttpTimeoutException e) {
            return unreachable(reportDir, "target " + o.target() + " is unreachable: " + e, out);
        } catch (IOException e) {
            return unreachable(reportDir, "setting the run up on " + o.target() + " failed: " + e.getMessage(), out);
        }
        LoadRun.register(run);
        GatlingTls tls = GatlingTls.of(o.tlsTrust());
        Map<String, String> previous = setProperties(config, tls);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-progress");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        long progressMillis = o.progressInterval().toMillis();
        ticker.scheduleAtFixedRate(() -> printProgress(run, started, out), progressMillis, progressMillis,
                TimeUnit.MILLISECONDS);
        int gatlingStatus;
        try {
            // Gatling reads its settings through Typesafe Config, which caches the system properties it saw first:
            // without this a second run in the JVM would get the first run's trust store (deleted since).
            ConfigFactory.invalidateCaches();
            gatlingStatus = Gatling$.MODULE$.fromArgs(new String[] {
                    "-s", o.scenario().simulationClass(),
                    "-rf", reportDir.resolve("gatling").toString(),
                    "-rd", "chat-harness " + o.scenario().cliName() + " shard " + o.shard(),
            });
        } catch (RuntimeException e) {
            run.finish();
            return new LoadResult(run.summary(), LoadResult.Status.FAILED, reportDir, "the load run failed: " + e);
        } finally {
            ticker.shutdownNow();
            restoreProperties(previous);
            tls.close();
            LoadRun.unregister(run);
        }
        run.finish();
        FanOutSummary summary = run.summary();
        if (summary == null) {
            return new LoadResult(null, LoadResult.Status.FAILED, reportDir,
                    "the load run ended without results (Gatling status " + gatlingStatus + ")");
        }
        SummaryPrinter.print(summary, out); // the report folder is the caller's to name: LoadResult.reportDir()
        return judge(summary, gatlingStatus, reportDir);
    }

    /**
     * Gatling's stats writer reads String internals reflectively: the JVM must run with
     * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (or the jar manifest's {@code Add-Opens: java.base/java.lang}).
     */
    static void requireOpenJavaLang() {
        if (!Object.class.getModule().isOpen("java.lang", LoadRunner.class.getModule())) {
            throw new IllegalStateException("Gatling needs the JVM option --add-opens java.base/java.lang=ALL-UNNAMED "
                    + "(an executable jar can declare 'Add-Opens: java.base/java.lang' in its manifest)");
        }
    }

    static LoadResult judge(FanOutSummary summary, int gatlingStatus, Path reportDir) {
        if (summary.connections().connected() == 0) {
            return new LoadResult(summary, LoadResult.Status.UNREACHABLE, reportDir,
                    "no socket could connect to " + summary.target());
        }
        if (!summary.passed()) {
            return new LoadResult(summary, LoadResult.Status.FAILED, reportDir,
                    "thresholds broken: " + String.join("; ", summary.thresholds().broken()));
        }
        if (gatlingStatus != 0) {
            // Gatling's own assertions (on its fan-out latency row) failed, or it refused its arguments.
            return new LoadResult(summary, LoadResult.Status.FAILED, reportDir,
                    "Gatling reported status " + gatlingStatus + " (its assertions failed)");
        }
        return new LoadResult(summary, LoadResult.Status.PASSED, reportDir, "passed");
    }

    private static LoadResult unreachable(Path reportDir, String message, PrintStream out) {
        out.println(message);
        return new LoadResult(null, LoadResult.Status.UNREACHABLE, reportDir, message);
    }

    private static void printProgress(LoadRun run, long startedNanos, PrintStream out) {
        FanOutRecorder recorder = run.recorder();
        if (recorder == null) {
            return;
        }
        FanOutRecorder.Counts c = recorder.counts();
        double p99 = recorder.recentP99Ms();
        out.printf(Locale.ROOT, "[%4ds] connected %d/%d  sent %d  delivered %d/%d  p99 %s%s%n",
                (System.nanoTime() - startedNanos) / 1_000_000_000L, c.connected(), run.plan().socketCount(),
                c.sent(), c.received(), c.expected(), Double.isNaN(p99) ? "-" : trim(p99) + " ms",
                run.warmingUp() ? "  (warming up: not counted)" : "");
    }

    /**
     * Sets the run's settings as system properties, plus Gatling's: no analytics, no warm-up call outside, and the
     * run's TLS trust.
     */
    private static Map<String, String> setProperties(LoadConfig config, GatlingTls tls) {
        Properties props = config.toProperties();
        props.setProperty("gatling.data.enableAnalytics", "false");
        props.setProperty("gatling.http.warmUpUrl", "");
        props.putAll(tls.properties());
        if (System.getProperty(NETTY_EVENT_LOOPS) == null) {
            props.setProperty(NETTY_EVENT_LOOPS, String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
        if (System.getProperty(NETTY_LEAK_DETECTION) == null
                && System.getProperty(NETTY_LEAK_DETECTION_OLD_NAME) == null) {
            props.setProperty(NETTY_LEAK_DETECTION, "disabled");
        }
        Map<String, String> previous = new HashMap<>();
        for (String key : props.stringPropertyNames()) {
            previous.put(key, System.getProperty(key));
            System.setProperty(key, props.getProperty(key));
        }
        // Properties of an earlier run that this one does not set (e.g. maxP99Ms) must not leak into it.
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(LoadConfig.PREFIX) && !props.containsKey(key)) {
                previous.put(key, System.getProperty(key));
                System.clearProperty(key);
            }
        }
        return previous;
    }

    private static void restoreProperties(Map<String, String> previous) {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
