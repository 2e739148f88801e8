package dev.chatharness.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatharness.server.ChatServer;
import dev.chatharness.server.support.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the kernel was told: {@code ss} shows a listening socket's backlog as its Send-Q. Without
 * {@link AcceptQueue} it is the JDK's 50, and a reconnect storm loses connects to SYN retransmission timeouts.
 */
class AcceptQueueTest {

    @Test
    void theListeningSocketHoldsAThousandPendingConnects() throws Exception {
        try (ChatServer server = TestServers.start()) {
            String listening = ss("-Hltn", "sport = :" + server.port());
            assumeTrue(listening != null, "ss (iproute2) is not installed");
            // State Recv-Q Send-Q Local:Port Peer:Port; one line per listening socket (IPv4 and IPv6 alike)
            assertThat(listening.lines().toList()).isNotEmpty().allSatisfy(line ->
                    assertThat(Integer.parseInt(line.trim().split("\\s+")[2]))
                            .as("backlog of %s", line)
                            .isEqualTo(Math.min(AcceptQueue.SIZE, somaxconn())));
        }
    }

    private static String ss(String... args) throws InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "ss";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException notInstalled) {
            return null;
        }
    }

    private static int somaxconn() throws IOException {
        // read line-wise: Files.readString trusts procfs' reported size and returns "4" of "4096"
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim());
    }
}
