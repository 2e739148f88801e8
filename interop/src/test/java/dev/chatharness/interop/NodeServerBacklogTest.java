package dev.chatharness.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Node target's {@code --backlog}: the benchmarks start it with the reference server's accept queue (1,024), so
 * that a connection storm compares the servers' work, not their listen defaults. {@code ss} shows a listening
 * socket's backlog as its Send-Q.
 */
class NodeServerBacklogTest {

    @Test
    @Timeout(60)
    void the_backlog_option_reaches_the_listening_socket_and_nodes_default_stays_otherwise() throws Exception {
        assertThat(listeningBacklog(List.of("--backlog", "1024"))).isEqualTo(Math.min(1024, somaxconn()));
        assertThat(listeningBacklog(List.of())).isEqualTo(Math.min(511, somaxconn()));
    }

    @Test
    @Timeout(30)
    void a_backlog_that_is_not_a_positive_number_is_a_usage_error() throws Exception {
        for (String bad : List.of("0", "many", "1.5")) {
            Process node = nodeServer(List.of("--backlog", bad)).redirectErrorStream(true).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as(out).isEqualTo(2);
            assertThat(out).contains("--backlog must be a positive number, got '" + bad + "'");
        }
    }

    private static int listeningBacklog(List<String> extra) throws Exception {
        Process node = nodeServer(extra).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String first = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(first).as("the server's first line").matches("listening on http://127\\.0\\.0\\.1:\\d+");
            String port = first.substring(first.lastIndexOf(':') + 1);
            String listening = ss("-Hltn", "sport = :" + port);
            assumeTrue(listening != null, "ss (iproute2) is not installed");
            // State Recv-Q Send-Q Local:Port Peer:Port
            return Integer.parseInt(listening.lines().findFirst().orElseThrow().trim().split("\\s+")[2]);
        } finally {
            node.destroy();
            node.waitFor(15, TimeUnit.SECONDS);
        }
    }

    private static ProcessBuilder nodeServer(List<String> extra) {
        List<String> command = new ArrayList<>(List.of(Interop.node(), "server.js", "--port", "0", "--host",
                "127.0.0.1", "--jwt-secret", "backlog-test"));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ForeignTarget.NODE.folder().toFile());
        builder.environment().remove("CHAT_HARNESS_JWT_SECRET");
        builder.environment().remove("FAULT");
        return builder;
    }

    private static String ss(String... args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("ss"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException notInstalled) {
            return null;
        }
    }

    private static int somaxconn() throws IOException {
        // read line-wise: procfs reports a size that Files.readString trusts, and cuts "4096" to "4"
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim());
    }
}
