package dev.chatharness.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real TLS server in this JVM, with a certificate from a CA made for the test, reached as a user would. */
class TlsTrustTest {

    private static final TestCertificateAuthority CA = TestCertificateAuthority.create("chat-harness TlsTrustTest CA");

    @TempDir
    Path dir;

    private HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(TestCertificateAuthority.Issued certificate) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/health");
    }

    private static int get(TlsTrust trust, URI uri) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(trust.sslContext()).connectTimeout(Duration.ofSeconds(5))
                .build();
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @DisplayName("the platform's trust store refuses a private CA's certificate, as a user's client would")
    void platform_trust_refuses_a_private_ca() throws Exception {
        URI uri = serve(CA.issue("127.0.0.1"));

        assertThatThrownBy(() -> get(TlsTrust.platform(), uri)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    @DisplayName("--ca-cert trusts the private CA's certificate")
    void the_ca_file_is_trusted() throws Exception {
        URI uri = serve(CA.issue("127.0.0.1", "localhost"));
        Path pem = CA.writeCertificate(dir.resolve("ca.pem"));

        assertThat(get(TlsTrust.of(Optional.of(pem), false), uri)).isEqualTo(200);
    }

    @Test
    @DisplayName("with --ca-cert the host name is still verified: a certificate for another host is refused")
    void the_host_name_is_still_verified() throws Exception {
        URI uri = serve(CA.issue("chat.staging.example"));
        Path pem = CA.writeCertificate(dir.resolve("ca.pem"));

        assertThatThrownBy(() -> get(TlsTrust.of(Optional.of(pem), false), uri))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("127.0.0.1");
    }

    @Test
    @DisplayName("a CA other than the server's is not enough")
    void another_ca_is_refused() throws Exception {
        URI uri = serve(CA.issue("127.0.0.1"));
        Path other = TestCertificateAuthority.create("another CA").writeCertificate(dir.resolve("other.pem"));

        assertThatThrownBy(() -> get(TlsTrust.of(Optional.of(other), false), uri))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    @DisplayName("--insecure accepts an unknown CA and a wrong host name")
    void insecure_checks_nothing() throws Exception {
        URI uri = serve(TestCertificateAuthority.create("unknown").issue("chat.staging.example"));

        assertThat(get(TlsTrust.of(Optional.empty(), true), uri)).isEqualTo(200);
        assertThat(TlsTrust.of(Optional.empty(), true).describe()).contains("not verified");
    }

    @Test
    @DisplayName("the written trust store holds the CA beside the platform's anchors")
    void the_trust_store_file_holds_the_ca() throws Exception {
        Path pem = CA.writeCertificate(dir.resolve("ca.pem"));
        Path store = dir.resolve("trust.jks");

        TlsTrust.of(Optional.of(pem), false).writeTrustStore(store, "pw".toCharArray());

        KeyStore read = KeyStore.getInstance("JKS");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            read.load(in, "pw".toCharArray());
        }
        assertThat(Collections.list(read.aliases())).anySatisfy(alias -> assertThat(read.getCertificate(alias))
                .isEqualTo(CA.certificate()));
        assertThat(read.size()).isGreaterThan(1);
    }

    @Test
    @DisplayName("a CA file without a certificate, or a CA with --insecure, is refused with the reason")
    void bad_settings_are_refused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");

        assertThatThrownBy(() -> TlsTrust.of(Optional.of(empty), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty.pem");
        assertThatThrownBy(() -> TlsTrust.of(Optional.of(dir.resolve("missing.pem")), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
        Path pem = CA.writeCertificate(dir.resolve("ca.pem"));
        assertThatThrownBy(() -> TlsTrust.of(Optional.of(pem), true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not both");
    }
}
