package dev.chatharness.load;

import dev.chatharness.common.net.TlsTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The run's TLS trust, said the way Gatling hears it. Gatling trusts every certificate unless told otherwise, unlike
 * every other client of the harness; a run verifies the target as the rest of the harness does: a JKS trust
 * store (the platform's CAs, plus {@code --ca-cert}) written for the run and deleted after it, and host name
 * verification on. Only {@code --insecure} keeps Gatling's trust-all default.
 */
final class GatlingTls implements AutoCloseable {

    private final Properties properties;
    private final Path store;

    private GatlingTls(Properties properties, Path store) {
        this.properties = properties;
        this.store = store;
    }

    static GatlingTls of(TlsTrust trust) {
        Properties props = new Properties();
        if (trust.insecure()) {
            props.setProperty("gatling.ssl.useInsecureTrustManager", "true");
            props.setProperty("gatling.http.enableHostnameVerification", "false");
            return new GatlingTls(props, null);
        }
        try {
            Path store = Files.createTempFile("chat-harness-trust-", ".jks");
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            trust.writeTrustStore(store, password.toCharArray());
            props.setProperty("gatling.ssl.useInsecureTrustManager", "false");
            props.setProperty("gatling.ssl.trustStore.type", "JKS");
            props.setProperty("gatling.ssl.trustStore.file", store.toString());
            props.setProperty("gatling.ssl.trustStore.password", password);
            props.setProperty("gatling.http.enableHostnameVerification", "true");
            return new GatlingTls(props, store);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's trust store for Gatling", e);
        }
    }

    /** The {@code gatling.*} properties to set for the run. */
    Properties properties() {
        return properties;
    }

    @Override
    public void close() {
        if (store != null) {
            try {
                Files.deleteIfExists(store);
            } catch (IOException e) {
                store.toFile().deleteOnExit(); // nothing secret in it, only certificates: a stray file is harmless
            }
        }
    }
}
