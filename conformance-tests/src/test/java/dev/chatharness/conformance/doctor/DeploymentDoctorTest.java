package dev.chatharness.conformance.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.common.exit.ExitCode;
import dev.chatharness.conformance.TargetProfile;
import dev.chatharness.conformance.harness.Clients;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The doctor against one reference server in this JVM: healthy, and the faults a single server can show (a wrong
 * socket path, a refused Origin, a refused token, a skewed clock, nothing listening). The faults that need a proxy
 * and several nodes are proven against nginx in the interop module.
 */
class DeploymentDoctorTest {

    private static final String SECRET = "doctor-test-secret";
    private static final String ORIGIN = "https://app.doctor-test.invalid";
    private static ChatServer server;

    @BeforeAll
    static void start() {
        server = ChatServer.start(ServerConfig.builder().port(0).jwtSecret(SECRET).allowedOrigins(List.of(ORIGIN))
                .build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Diagnosis examine(Map<String, String> keys, Clock clock) {
        Map<String, String> all = new HashMap<>(Map.of("target", "http://127.0.0.1:" + server.port(),
                "jwtSecret", SECRET));
        all.putAll(keys);
        TargetProfile profile = TargetProfile.resolve(Optional.empty(), Map.of(), new Properties(), all);
        try (Clients clients = new Clients(profile)) {
            return DeploymentDoctor.examine(clients, clock);
        }
    }

    private static Verdict verdict(Diagnosis diagnosis, String probe) {
        return diagnosis.verdicts().stream().filter(v -> v.probe().equals(probe)).findFirst()
                .orElseThrow(() -> new AssertionError("no verdict for " + probe + " in " + diagnosis.verdicts()));
    }

    @Test
    @DisplayName("a healthy server passes every probe, in seconds")
    void healthy() {
        Diagnosis diagnosis = examine(Map.of("allowedOrigin", ORIGIN), Clock.systemUTC());

        assertThat(diagnosis.faults()).as(diagnosis.verdicts().toString()).isEmpty();
        assertThat(diagnosis.exitCode()).isEqualTo(ExitCode.OK);
        for (String probe : List.of("reachable", "clock", "polling", "websocket", "upgrade", "sticky-sessions", "token",
                "delivery", "origin")) {
            assertThat(verdict(diagnosis, probe).status()).as(probe + ": " + verdict(diagnosis, probe).line())
                    .isEqualTo(Verdict.Status.OK);
        }
        assertThat(verdict(diagnosis, "delivery").finding()).contains("24 of 24 deliveries");
        assertThat(diagnosis.millis()).isLessThan(15_000);
    }

    @Test
    @DisplayName("a socket path where no Socket.IO answers is named, with the path that does answer")
    void wrong_socket_path() {
        Diagnosis diagnosis = examine(Map.of("socketPath", "/chat/socket.io/"), Clock.systemUTC());

        Verdict path = verdict(diagnosis, "socket-path");
        assertThat(path.fault()).contains(Fault.WRONG_SOCKET_PATH);
        assertThat(path.finding()).contains("answers at /socket.io/, not at /chat/socket.io/");
        assertThat(path.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("--socket-path /socket.io/"));
        assertThat(diagnosis.exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
    }

    @Test
    @DisplayName("an Origin the server refuses is named as refused by the server")
    void refused_origin() {
        Diagnosis diagnosis = examine(Map.of("allowedOrigin", "https://elsewhere.doctor-test.invalid"),
                Clock.systemUTC());

        Verdict origin = verdict(diagnosis, "origin");
        assertThat(origin.fault()).contains(Fault.ORIGIN_REFUSED);
        assertThat(origin.finding()).contains("https://elsewhere.doctor-test.invalid").contains("server");
        assertThat(diagnosis.exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
    }

    @Test
    @DisplayName("a wrong secret is a refused token: exit 3, with what to check")
    void refused_token() {
        Diagnosis diagnosis = examine(Map.of("jwtSecret", "not-the-secret"), Clock.systemUTC());

        assertThat(verdict(diagnosis, "token").fault()).contains(Fault.TOKEN_REFUSED);
        assertThat(verdict(diagnosis, "token").fix()).hasValueSatisfying(fix -> assertThat(fix).contains("secret"));
        assertThat(diagnosis.exitCode()).isEqualTo(ExitCode.TARGET_UNREACHABLE);
    }

    @Test
    @DisplayName("a server clock a minute behind this machine's is named from its Date header")
    void clock_skew() {
        Diagnosis diagnosis = examine(Map.of(), Clock.offset(Clock.systemUTC(), Duration.ofSeconds(60)));

        Verdict clock = verdict(diagnosis, "clock");
        assertThat(clock.fault()).contains(Fault.CLOCK_SKEW);
        assertThat(clock.finding()).containsPattern("(59|60|61) s behind");
        assertThat(clock.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("NTP"));
    }

    @Test
    @DisplayName("nothing listening stops the examination: exit 3")
    void nothing_listening() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Diagnosis diagnosis = examine(Map.of("target", "http://127.0.0.1:" + closed), Clock.systemUTC());

        assertThat(diagnosis.faults()).containsExactly(Fault.NOTHING_LISTENING);
        assertThat(diagnosis.exitCode()).isEqualTo(ExitCode.TARGET_UNREACHABLE);
    }
}
