package dev.chatharness.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class UnreachableTargetTest {

    @Test
    @Timeout(30)
    void a_target_that_does_not_answer_exits_3() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        LoadResult result = new LoadRunner().run(LoadOptions.builder()
                .target(URI.create("http://127.0.0.1:" + port)).jwtSecret("s")
                .reportDir(Path.of("target", "load-smoke", "unreachable")).build(), System.out);
        assertThat(result.status()).isEqualTo(LoadResult.Status.UNREACHABLE);
        assertThat(result.summary()).isNull();
        assertThat(result.message()).contains("unreachable");
    }
}
