package io.kronforce.worker.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the two {@link SSLContext}s our processes need: a server's, from a PEM chain and key, and a
 * client's, which verifies peers against the JDK's default trust store plus an optional PEM CA
 * bundle. There is deliberately no way to build one that trusts everything. Host names are still
 * checked by the client (the JDK's HttpClient does, against the certificate's subjectAltName).
 */
public final class TlsContexts {
    private TlsContexts() {}

    /**
     * A server context presenting {@code certFile}'s chain (leaf first) with {@code keyFile}'s key.
     *
     * @throws TlsSetupException when a file cannot be read or the key does not belong to the leaf
     */
    public static SSLContext server(Path certFile, Path keyFile) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(new Identity(certFile, keyFile)), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("cannot use " + certFile + " with " + keyFile + " (" + e.getMessage() + ")");
        }
    }

    /**
     * A client context trusting the JDK's default CAs and, when given, every certificate in
     * {@code caFile} (a private CA, or a self-signed server certificate itself).
     *
     * @throws TlsSetupException when the CA file cannot be read
     */
    public static SSLContext client(Optional<Path> caFile) {
        return client(caFile, Optional.empty());
    }

    /** A certificate chain and its key in PEM files: what a client presents when the server asks for one. */
    public record Identity(Path cert, Path key) {}

    /**
     * As {@link #client(Optional)}, presenting {@code identity}'s certificate when the server asks for
     * a client certificate (mutual TLS).
     *
     * @throws TlsSetupException when a file cannot be read or the identity's key does not belong to its leaf
     */
    public static SSLContext client(Optional<Path> caFile, Optional<Identity> identity) {
        try {
            if (caFile.isEmpty() && identity.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate ca : jdkDefaults().getAcceptedIssuers()) {
                trusted.setCertificateEntry("jdk-" + n++, ca);
            }
            if (caFile.isPresent()) {
                for (X509Certificate ca : PemFiles.certificates(caFile.get())) {
                    trusted.setCertificateEntry("extra-" + n++, ca);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity.isPresent() ? keyManagers(identity.get()) : null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("cannot build the trust store with "
                    + caFile.map(Path::toString).orElse("the JDK's CAs") + " (" + e.getMessage() + ")");
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers(Identity identity)
            throws GeneralSecurityException, IOException {
        List<X509Certificate> chain = PemFiles.certificates(identity.cert());
        PrivateKey key = PemFiles.privateKey(identity.key());
        checkPair(chain.getFirst(), key, identity.cert(), identity.key());
        char[] password = HexFormat.of().formatHex(random(16)).toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("identity", key, password, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        return keys.getKeyManagers();
    }

    private static byte[] random(int n) {
        byte[] out = new byte[n];
        new SecureRandom().nextBytes(out);
        return out;
    }

    private static X509TrustManager jdkDefaults() throws GeneralSecurityException {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        for (TrustManager m : jdk.getTrustManagers()) {
            if (m instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }

    /** Signs with the key and verifies with the leaf: a mismatch is caught at start, not at the first handshake. */
    static void checkPair(X509Certificate leaf, PrivateKey key, Path certFile, Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> null; // RSASSA-PSS needs parameters; the handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = random(32);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException mismatch) {
            // a key of another type than the certificate's: reported below
        }
        throw new TlsSetupException(
                "the private key in " + keyFile + " does not belong to the first certificate in " + certFile);
    }
}
