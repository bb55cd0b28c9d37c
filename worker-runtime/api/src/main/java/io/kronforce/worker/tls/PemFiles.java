package io.kronforce.worker.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files: certificate chains and CA bundles ({@code BEGIN CERTIFICATE}, in order), and one
 * unencrypted private key as PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY})
 * or SEC 1 ({@code BEGIN EC PRIVATE KEY}) — what {@code openssl}, certbot and cert-manager write.
 * Errors name the file, never its content.
 */
public final class PemFiles {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** Tried in turn on a PKCS#8 key: its algorithm is inside, but the JDK wants it named. */
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    private PemFiles() {}

    /** Every certificate in the file, in file order (leaf first, for a chain). */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.label().equals("CERTIFICATE")) {
                    out.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new TlsSetupException(file + " holds a certificate that cannot be read (" + e.getMessage() + ")");
        }
        if (out.isEmpty()) {
            throw new TlsSetupException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(out);
    }

    /** The one private key in the file. */
    public static PrivateKey privateKey(Path file) {
        for (Block b : blocks(file)) {
            switch (b.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, b.der());
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(file, Der.rsaPkcs1ToPkcs8(b.der()));
                }
                case "EC PRIVATE KEY" -> {
                    return pkcs8(file, Der.ecSec1ToPkcs8(b.der(), file));
                }
                case "ENCRYPTED PRIVATE KEY" ->
                    throw new TlsSetupException(file + " holds an encrypted private key;"
                            + " give the key unencrypted (openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem) and"
                            + " protect the file with its permissions");
                default -> {
                    // a certificate or parameters beside the key: not what we look for
                }
            }
        }
        throw new TlsSetupException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----,"
                + " RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | IllegalArgumentException notThisOne) {
                // the next algorithm may fit
            }
        }
        throw new TlsSetupException(file + " holds a private key of an unsupported or malformed kind"
                + " (RSA, EC, Ed25519 and Ed448 are supported)");
    }

    private record Block(String label, byte[] der) {}

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsSetupException(
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(file + " has a " + m.group(1) + " block that is not valid base64");
            }
        }
        return out;
    }
}
