package io.kronforce.task.transfer;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one server certificate, named by its SHA-256 fingerprint ({@code tls_certificate_sha256}):
 * how an operator accepts a self-signed FTPS server without turning verification off.
 */
final class PinnedCertificate implements X509TrustManager {

    private final String expectedHex;

    private PinnedCertificate(String fingerprint) {
        this.expectedHex = fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
    }

    /** A TLS context that trusts only the pinned certificate. */
    static SSLContext context(String fingerprint) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new PinnedCertificate(fingerprint)}, null);
        return context;
    }

    static String sha256(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        String presented = sha256(chain[0]);
        if (!presented.equals(expectedHex)) {
            throw new CertificateException("server certificate SHA-256 " + presented
                    + " does not match tls_certificate_sha256 " + expectedHex);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
