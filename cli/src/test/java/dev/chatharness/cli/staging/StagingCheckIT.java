package dev.chatharness.cli.staging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatharness.cli.CliProcess;
import dev.chatharness.server.ChatServer;
import dev.chatharness.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check}, the jar as a process, against nginx with TLS (a CA made for the test) and a gateway key in front
 * of two nodes of interop/node-server sharing a Redis: the good deployment is healthy (exit 0); each classic broken
 * one is named with its cause and exits 1, each within 15 s; what the harness itself must be told (the CA, the
 * gateway's header) is exit 3.
 */
class StagingCheckIT {

    private static final Duration CHECK_LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private TwoNodes nodes;
    private final List<ChatServer> referenceServers = new ArrayList<>();
    private Deployment deployment;

    @BeforeEach
    void prerequisites() {
        Prerequisites.requireJar();
        Prerequisites.require("nginx", "nginx");
        Prerequisites.require("redis-server", "redis-server");
    }

    @AfterEach
    void stop() {
        if (deployment != null) {
            deployment.close();
        }
        if (nodes != null) {
            nodes.close();
        }
        referenceServers.forEach(ChatServer::close);
    }

    private Deployment deploy(ProxySetup setup, boolean sharedAdapter) {
        nodes = TwoNodes.start(dir.resolve("nodes"), sharedAdapter);
        deployment = Deployment.start(dir, setup, nodes.ports());
        return deployment;
    }

    private CliProcess.Result check(List<String> reach, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(reach);
        args.addAll(Arrays.asList(more));
        CliProcess.Result r = CliProcess.run(dir, Duration.ofSeconds(60), args.toArray(String[]::new));
        System.out.println("chat-harness " + String.join(" ", args) + "\n" + r); // the failsafe report keeps it
        assertThat(r.took()).as("check's time, JVM start-up included\n" + r).isLessThan(CHECK_LIMIT);
        return r;
    }

    private static List<String> without(List<String> reach, String flag) {
        List<String> less = new ArrayList<>(reach);
        int at = less.indexOf(flag);
        less.subList(at, at + 2).clear();
        return less;
    }

    @Test
    @DisplayName("good: sticky sessions and the Redis adapter behind TLS and a gateway key: healthy (exit 0)")
    void good_deployment_is_healthy() throws Exception {
        deploy(ProxySetup.good(Deployment.GATEWAY_KEY), true);

        CliProcess.Result r = check(deployment.reach());

        assertThat(r.exitCode()).as(r + deployment.log()).isZero();
        assertThat(r.stdout()).contains("ok    reachable: GET /health answered 200, TLS verified against")
                .contains("ok    upgrade:").contains("ok    sticky-sessions:")
                .contains("ok    delivery: every socket received every REST write: 24 of 24").contains("healthy: ");
    }

    @Test
    @DisplayName("no sticky sessions: '400 Session ID unknown' and the balancer named (exit 1)")
    void no_sticky_sessions_is_named() throws Exception {
        deploy(ProxySetup.good(Deployment.GATEWAY_KEY).withoutStickySessions(), true);

        CliProcess.Result r = check(deployment.reach());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("FAULT sticky-sessions:").contains("400 Session ID unknown")
                .contains("sticky sessions").contains("ok    delivery:").contains("no-sticky-sessions");
    }

    @Test
    @DisplayName("no shared adapter: sockets on the other node miss REST writes, the adapter is the fix (exit 1)")
    void no_adapter_is_named() throws Exception {
        deploy(ProxySetup.good(Deployment.GATEWAY_KEY), false);

        CliProcess.Result r = check(deployment.reach());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("ok    sticky-sessions:")
                .contains("FAULT delivery:").contains("a message handled by one node never reaches sockets connected to "
                        + "another").contains("@socket.io/redis-adapter").contains("no-shared-adapter");
    }

    @Test
    @DisplayName("upgrade headers not forwarded: 'WebSocket upgrade refused by something in front of the server' (exit 1)")
    void upgrade_not_forwarded_is_named() throws Exception {
        deploy(ProxySetup.good(Deployment.GATEWAY_KEY).withoutUpgrade(), true);

        CliProcess.Result r = check(deployment.reach());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("ok    polling:")
                .contains("FAULT websocket: long-polling works, but the WebSocket handshake at /socket.io/ was refused "
                        + "by something in front of the server")
                .contains("`Upgrade` and `Connection`").contains("upgrade-refused");
    }

    @Test
    @DisplayName("a path prefix: the socket path is named, and --socket-path /chat/socket.io/ passes (exit 1, then 0)")
    void path_prefix_is_named() throws Exception {
        deploy(ProxySetup.good(Deployment.GATEWAY_KEY).underPrefix("/chat"), true);

        CliProcess.Result wrong = check(deployment.reach());
        CliProcess.Result right = check(deployment.reach(), "--socket-path", "/chat/socket.io/");

        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.stdout()).contains("FAULT socket-path: Socket.IO answers at /chat/socket.io/, not at /socket.io/")
                .contains("--socket-path /chat/socket.io/").contains("wrong-socket-path");
        assertThat(right.exitCode()).as(right.toString()).isZero();
    }

    @Test
    @DisplayName("without --ca-cert: the private CA is named, and --ca-cert is the fix (exit 3)")
    void untrusted_ca_exits_3() throws Exception {
        deploy(ProxySetup.good(Deployment.GATEWAY_KEY), true);

        CliProcess.Result r = check(without(deployment.reach(), "--ca-cert"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout()).contains("FAULT reachable: the server's TLS certificate is not signed by a CA this "
                + "machine trusts").contains("--ca-cert FILE");
        assertThat(r.stderr()).contains("error: ");
    }

    @Test
    @DisplayName("without the gateway's header: the gateway's refusal is named, and --header is the fix (exit 3)")
    void missing_gateway_header_exits_3() throws Exception {
        deploy(ProxySetup.good(Deployment.GATEWAY_KEY), true);

        CliProcess.Result r = check(without(deployment.reach(), "--header"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout()).contains("FAULT reachable: GET /health was refused with 401").contains("--header");
    }

    @Test
    @DisplayName("two nodes that keep their data each to itself (two reference servers): no shared state (exit 1)")
    void unshared_state_is_named() throws Exception {
        for (int i = 0; i < 2; i++) {
            referenceServers.add(ChatServer.start(ServerConfig.builder().port(0).jwtSecret(Deployment.SECRET).build()));
        }
        deployment = Deployment.start(dir, ProxySetup.good(Deployment.GATEWAY_KEY),
                referenceServers.stream().map(ChatServer::port).toList());

        CliProcess.Result r = check(deployment.reach());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("FAULT delivery:").contains("not_found").contains("no-shared-state");
    }
}
