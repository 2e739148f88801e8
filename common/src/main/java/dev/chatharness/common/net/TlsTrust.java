package dev.chatharness.common.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Which server certificates a run trusts: the platform's trust store (the default), the platform's plus the
 * certificates of a PEM file (a staging deployment's private CA), or none checked at all ({@code --insecure}).
 * Every client of the harness (java.net.http, OkHttp under the socket.io client, Gatling) is built from one of
 * these, so a run trusts the same thing whichever client speaks.
 *
 * <pre>{@code
 * TlsTrust trust = TlsTrust.of(Optional.of(Path.of("staging-ca.pem")), false);
 * HttpClient http = HttpClient.newBuilder().sslContext(trust.sslContext()).build();
 * }</pre>
 *
 * With a CA file, host names are still verified: a private CA does not excuse a certificate issued for another
 * host. Only {@link #insecure()} trust skips both checks, and whoever chooses it is told so on every run.
 */
public final class TlsTrust {

    /** What every run that skips verification prints, once, on standard error. */
    public static final String INSECURE_WARNING = "warning: --insecure: server certificates and host names are not "
            + "verified; anyone between this machine and the target can read and change the run's traffic and "
            + "tokens. Prefer --ca-cert FILE with the deployment's CA.";

    private final Optional<Path> caCert;
    private final boolean insecure;
    private final X509TrustManager trustManager;
    private final List<X509Certificate> anchors;

    private TlsTrust(Optional<Path> caCert, boolean insecure, X509TrustManager trustManager,
                     List<X509Certificate> anchors) {
        this.caCert = caCert;
        this.insecure = insecure;
        this.trustManager = trustManager;
        this.anchors = anchors;
    }

    /** The platform's trust store, as any client uses by default. */
    public static TlsTrust platform() {
        return of(Optional.empty(), false);
    }

    /**
     * The platform's trust store plus {@code caCert}'s certificates, or no verification when {@code insecure}.
     *
     * @throws IllegalArgumentException when both are asked for, or the file holds no readable certificate
     */
    public static TlsTrust of(Optional<Path> caCert, boolean insecure) {
        if (insecure && caCert.isPresent()) {
            throw new IllegalArgumentException("give either a CA certificate to trust or insecure, not both: with the "
                    + "CA the certificate can be verified, so do not turn verification off");
        }
        if (insecure) {
            return new TlsTrust(caCert, true, new TrustingEverything(), List.of());
        }
        try {
            List<X509Certificate> anchors = new ArrayList<>(platformAnchors());
            if (caCert.isPresent()) {
                anchors.addAll(readPem(caCert.get()));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(keyStoreOf(anchors));
            return new TlsTrust(caCert, false, x509(factory.getTrustManagers()), List.copyOf(anchors));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build the trust store" + caCert.map(f -> " with " + f).orElse("")
                    + ": " + e.getMessage(), e);
        }
    }

    public Optional<Path> caCert() {
        return caCert;
    }

    /** True when certificates and host names are not verified. */
    public boolean insecure() {
        return insecure;
    }

    /** True when this is exactly what a client does by default, so nothing needs configuring. */
    public boolean isPlatformDefault() {
        return !insecure && caCert.isEmpty();
    }

    /** A TLS context that trusts what this trusts (a fresh one per call: contexts keep session caches). */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS context", e);
        }
    }

    /** The trust manager itself, for clients that take it beside the socket factory (OkHttp). */
    public X509TrustManager trustManager() {
        return trustManager;
    }

    /**
     * Writes the trusted certificates as a JKS trust store, for clients that only read files (Gatling's
     * {@code gatling.ssl.trustStore}); not for {@link #insecure()} trust, which has no store. JKS, not PKCS12: the
     * store holds nothing secret, and PKCS12 encrypts each of the platform's ~150 certificates, which takes seconds.
     */
    public void writeTrustStore(Path file, char[] password) {
        if (insecure) {
            throw new IllegalStateException("insecure trust has no trust store to write");
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            int i = 0;
            for (X509Certificate anchor : anchors) {
                store.setCertificateEntry("anchor-" + i++, anchor);
            }
            store.store(out, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write the trust store " + file + ": " + e.getMessage(), e);
        }
    }

    /** One phrase for logs and reports. */
    public String describe() {
        if (insecure) {
            return "certificates not verified (--insecure)";
        }
        return caCert.map(f -> "the platform's CAs and " + f).orElse("the platform's CAs");
    }

    @Override
    public String toString() {
        return "TlsTrust[" + describe() + "]";
    }

    private static List<X509Certificate> platformAnchors() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return List.of(x509(factory.getTrustManagers()).getAcceptedIssuers());
    }

    private static List<X509Certificate> readPem(Path file) throws IOException, GeneralSecurityException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file);
        }
        Collection<? extends Certificate> read;
        try (InputStream in = Files.newInputStream(file)) {
            read = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : read) {
            certificates.add((X509Certificate) certificate);
        }
        if (certificates.isEmpty()) {
            throw new IOException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    private static KeyStore keyStoreOf(List<X509Certificate> anchors) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate anchor : anchors) {
            store.setCertificateEntry("anchor-" + i++, anchor);
        }
        return store;
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }

    /**
     * Accepts any certificate for any host. An {@link X509ExtendedTrustManager}, because JSSE adds its own host name
     * check around a plain {@link X509TrustManager}; this one is asked instead, and asks nothing.
     */
    private static final class TrustingEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
