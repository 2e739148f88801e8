package dev.chatharness.common.net;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA made at test time, as a staging deployment has one: a root certificate, and server certificates it
 * signs for the names the test server answers on. Nothing is ever written outside the folders a test gives.
 *
 * <pre>{@code
 * TestCertificateAuthority ca = TestCertificateAuthority.create("chat-harness test CA");
 * TestCertificateAuthority.Issued server = ca.issue("127.0.0.1", "localhost");
 * ca.writeCertificate(dir.resolve("ca.pem"));            // what --ca-cert reads
 * server.writePem(dir.resolve("server.pem"), dir.resolve("server.key")); // what nginx's ssl_certificate reads
 * }</pre>
 */
public final class TestCertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A self-signed root, valid for a day. */
    public static TestCertificateAuthority create(String commonName) {
        KeyPair keys = newKeys();
        X500Name name = new X500Name("CN=" + commonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestCertificateAuthority(keys, sign(builder, keys));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the test CA", e);
        }
    }

    /** A server certificate for {@code names} (IP addresses or DNS names), signed by this CA. */
    public Issued issue(String... names) {
        KeyPair serverKeys = newKeys();
        List<GeneralName> alternatives = new ArrayList<>();
        for (String name : names) {
            alternatives.add(new GeneralName(name.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName,
                    name));
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(X500Name.getInstance(certificate.getSubjectX500Principal()
                    .getEncoded()), new X500Name("CN=" + names[0]), serverKeys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alternatives.toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            return new Issued(serverKeys, sign(builder, keys), certificate);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + String.join(", ", names), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The root certificate as PEM: the file a user passes as {@code --ca-cert}. */
    public Path writeCertificate(Path file) {
        writePem(file, certificate);
        return file;
    }

    /** A certificate this CA issued, with its key. */
    public record Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {

        /** The chain (server, then CA) and the private key as PEM files, as nginx's ssl_certificate(_key) read them. */
        public void writePem(Path chainFile, Path keyFile) {
            writePem(chainFile, certificate, issuer);
            // PKCS#8 through Bouncy Castle's generator: the form OpenSSL (nginx) reads for any key type.
            try {
                TestCertificateAuthority.writePem(keyFile, new JcaPKCS8Generator(keys.getPrivate(), null));
            } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
                throw new IllegalStateException("cannot encode the private key", e);
            }
        }

        private static void writePem(Path file, Object... objects) {
            TestCertificateAuthority.writePem(file, objects);
        }

        /** A server-side TLS context presenting this certificate, for servers started inside the test's JVM. */
        public SSLContext serverContext() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                char[] password = "test".toCharArray();
                store.setKeyEntry("server", keys.getPrivate(), password, new X509Certificate[] {certificate, issuer});
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, password);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(factory.getKeyManagers(), null, null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot make a server TLS context", e);
            }
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make EC keys", e);
        }
    }

    private static void writePem(Path file, Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
