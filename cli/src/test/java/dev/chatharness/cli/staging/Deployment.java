package dev.chatharness.cli.staging;

import dev.chatharness.common.net.TestCertificateAuthority;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A staging-like deployment for one test: nginx with TLS from a CA made for the test, in front of nodes that the test
 * started, set up as {@link ProxySetup} says. What the CLI needs to reach it comes with it.
 */
final class Deployment implements AutoCloseable {

    static final String SECRET = "staging-it-secret";
    static final String GATEWAY_KEY = "staging-gateway-key";

    private final Nginx nginx;
    private final Path caCert;
    private final ProxySetup setup;

    private Deployment(Nginx nginx, Path caCert, ProxySetup setup) {
        this.nginx = nginx;
        this.caCert = caCert;
        this.setup = setup;
    }

    /** nginx as {@code setup} says in front of the nodes on {@code nodePorts}, its files under {@code dir}. */
    static Deployment start(Path dir, ProxySetup setup, List<Integer> nodePorts) {
        TestCertificateAuthority ca = TestCertificateAuthority.create("chat-harness staging test CA");
        Path caCert = ca.writeCertificate(dir.resolve("staging-ca.pem"));
        Path certificate = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        ca.issue("127.0.0.1", "localhost").writePem(certificate, key);
        return new Deployment(Nginx.start(dir.resolve("nginx"), setup, nodePorts, certificate, key), caCert, setup);
    }

    /** The URL a user would be given: {@code https://127.0.0.1:PORT[/prefix]}. */
    String url() {
        return "https://127.0.0.1:" + nginx.port() + setup.pathPrefix().orElse("");
    }

    Path caCert() {
        return caCert;
    }

    /** The flags that reach it: target, CA, the gateway's header, the secret. */
    List<String> reach() {
        List<String> args = new ArrayList<>(List.of("--target", url(), "--ca-cert", caCert.toString(),
                "--jwt-secret", SECRET));
        setup.gatewayKey().ifPresent(k -> args.addAll(List.of("--header", ProxySetup.GATEWAY_HEADER + ": " + k)));
        return args;
    }

    /** nginx's log, for failure messages. */
    String log() {
        return nginx.log();
    }

    @Override
    public void close() {
        nginx.close();
    }
}
