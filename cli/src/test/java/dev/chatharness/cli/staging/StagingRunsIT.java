package dev.chatharness.cli.staging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatharness.cli.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole conformance suite and a short fan-out load, the jar as a process, through the good deployment: nginx
 * with TLS and a gateway key, sticky sessions, two nodes of interop/node-server sharing Redis and the socket.io Redis
 * adapter; https and wss with {@code --ca-cert} and {@code --header}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StagingRunsIT {

    @TempDir
    static Path dir; // static: a @TempDir field is not yet set when a per-class @BeforeAll runs

    private TwoNodes nodes;
    private Deployment deployment;

    @BeforeAll
    void deploy() {
        Prerequisites.requireJar();
        Prerequisites.require("nginx", "nginx");
        Prerequisites.require("redis-server", "redis-server");
        nodes = TwoNodes.start(dir.resolve("nodes"), true);
        deployment = Deployment.start(dir, ProxySetup.good(Deployment.GATEWAY_KEY), nodes.ports());
    }

    @AfterAll
    void stop() {
        if (deployment != null) {
            deployment.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    private static List<String> command(List<String> words, List<String> reach, String... more) {
        List<String> args = new ArrayList<>(words);
        args.addAll(reach);
        args.addAll(List.of(more));
        return args;
    }

    @Test
    @DisplayName("the whole conformance suite passes through nginx, TLS and two nodes with Redis")
    void conformance_passes() throws Exception {
        Path reports = dir.resolve("conformance");
        // The nodes' buckets, declared to the suite as any target's own figures are.
        Map<String, String> declared = Map.of(
                "CHAT_RATE_LIMIT_MESSAGE_CAPACITY", NodeTarget.MESSAGE_RATE.split(":")[0],
                "CHAT_RATE_LIMIT_MESSAGE_REFILL_PER_SECOND", NodeTarget.MESSAGE_RATE.split(":")[1],
                "CHAT_RATE_LIMIT_TYPING_CAPACITY", NodeTarget.TYPING_RATE.split(":")[0],
                "CHAT_RATE_LIMIT_TYPING_REFILL_PER_SECOND", NodeTarget.TYPING_RATE.split(":")[1]);

        CliProcess.Result r = CliProcess.run(dir, declared, Duration.ofMinutes(8), command(List.of("conformance"),
                deployment.reach(), "--report-dir", reports.toString(), "--quiet").toArray(String[]::new));

        assertThat(r.exitCode()).as(r + (Files.exists(reports.resolve("conformance-report.md"))
                ? Files.readString(reports.resolve("conformance-report.md")) : "")).isZero();
        assertThat(r.stdout()).contains("PASSED");
    }

    @Test
    @DisplayName("a short fan-out load passes through the same deployment, over wss, nothing lost")
    void load_fanout_passes() throws Exception {
        Path reports = dir.resolve("load");

        CliProcess.Result r = CliProcess.run(dir, Duration.ofMinutes(3), command(List.of("load", "fanout"),
                deployment.reach(), "--rooms", "4", "--members", "4", "--rate", "8", "--duration", "5s",
                "--max-lost", "0", "--report-dir", reports.toString(), "--json").toArray(String[]::new));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode deliveries = new ObjectMapper().readTree(r.stdout()).path("deliveries");
        assertThat(deliveries.path("expected").asLong()).as(r.stdout()).isPositive();
        assertThat(deliveries.path("received").asLong()).isEqualTo(deliveries.path("expected").asLong());
        assertThat(deliveries.path("lost").asLong()).isZero();
    }
}
