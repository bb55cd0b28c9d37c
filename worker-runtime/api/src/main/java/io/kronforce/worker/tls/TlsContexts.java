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
        List<X509Certificate> chain = PemFiles.certificates(certFile);
        PrivateKey key = PemFiles.privateKey(keyFile);
        checkPair(chain.getFirst(), key, certFile, keyFile);
        try {
            char[] password = HexFormat.of().formatHex(random(16)).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
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
        try {
            if (caFile.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate ca : jdkDefaults().getAcceptedIssuers()) {
                trusted.setCertificateEntry("jdk-" + n++, ca);
            }
            for (X509Certificate ca : PemFiles.certificates(caFile.get())) {
                trusted.setCertificateEntry("extra-" + n++, ca);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException(
                    "cannot build the trust store with " + caFile.orElseThrow() + " (" + e.getMessage() + ")");
        }
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
    private static void checkPair(X509Certificate leaf, PrivateKey key, Path certFile, Path keyFile) {
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
