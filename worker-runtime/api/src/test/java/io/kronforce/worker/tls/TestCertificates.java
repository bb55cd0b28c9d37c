package io.kronforce.worker.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made for a test by the
 * JDK's own {@code keytool} (so no openssl is needed) and written as PEM files, as an operator
 * would give them: {@code cert} (the chain) and {@code key} (PKCS#8). The certificate is its own
 * CA, so {@code cert} is also what a client trusts. Shared with the agent and controller tests
 * through this module's test jar.
 */
public record TestCertificates(Path cert, Path key) {
    private static final String PASS = "test-only";

    /** An EC P-256 key and certificate under {@code dir}, files named after {@code name}. */
    public static TestCertificates ec(Path dir, String name) {
        return ec(dir, name, "ip:127.0.0.1,dns:localhost");
    }

    /** An EC P-256 certificate naming only {@code san} (keytool's form: {@code dns:host,ip:1.2.3.4}). */
    public static TestCertificates ec(Path dir, String name, String san) {
        return make(dir, name, san, List.of("-keyalg", "EC", "-groupname", "secp256r1"));
    }

    /** An RSA 2048 key and certificate. */
    public static TestCertificates rsa(Path dir, String name) {
        return make(dir, name, "ip:127.0.0.1,dns:localhost", List.of("-keyalg", "RSA", "-keysize", "2048"));
    }

    /** A self-signed EC certificate authority (basic constraints CA) that {@link #signedBy} signs with. */
    public static TestCertificates authority(Path dir, String name) {
        return make(dir, name, "dns:" + name, List.of("-keyalg", "EC", "-groupname", "secp256r1", "-ext", "bc:c"));
    }

    /**
     * An EC certificate for {@code localhost} and {@code 127.0.0.1} signed by {@code ca} (made by
     * {@link #authority} in the same {@code dir}); {@code cert} holds the leaf then the CA.
     */
    public static TestCertificates signedBy(Path dir, String name, TestCertificates ca) {
        return signedBy(dir, name, ca, "ip:127.0.0.1,dns:localhost");
    }

    /** As above, naming only {@code san} (keytool's form: {@code dns:host,ip:1.2.3.4}). */
    public static TestCertificates signedBy(Path dir, String name, TestCertificates ca, String san) {
        try {
            Path store = dir.resolve(name + ".p12");
            keytool(store, san, List.of("-keyalg", "EC", "-groupname", "secp256r1"));
            String caName = ca.cert().getFileName().toString().replace("-cert.pem", "");
            Path csr = dir.resolve(name + ".csr");
            Path signed = dir.resolve(name + ".crt");
            run(List.of(
                    "-certreq",
                    "-alias",
                    name,
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    PASS,
                    "-file",
                    csr.toString()));
            run(List.of(
                    "-gencert",
                    "-alias",
                    caName,
                    "-keystore",
                    dir.resolve(caName + ".p12").toString(),
                    "-storepass",
                    PASS,
                    "-infile",
                    csr.toString(),
                    "-outfile",
                    signed.toString(),
                    "-rfc",
                    "-ext",
                    "SAN=" + san,
                    "-validity",
                    "2"));
            run(List.of(
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    caName,
                    "-file",
                    ca.cert().toString(),
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    PASS));
            run(List.of(
                    "-importcert",
                    "-alias",
                    name,
                    "-file",
                    signed.toString(),
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    PASS,
                    "-keypass",
                    PASS));
            return fromStore(dir, name, store);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a signed test certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + args.getFirst() + " failed: " + out);
        }
    }

    private static TestCertificates make(Path dir, String name, String san, List<String> keyArgs) {
        try {
            Path store = dir.resolve(name + ".p12");
            keytool(store, san, keyArgs);
            return fromStore(dir, name, store);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TestCertificates fromStore(Path dir, String name, Path store)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASS.toCharArray());
        }
        PrivateKey key = (PrivateKey) ks.getKey(name, PASS.toCharArray());
        StringBuilder chain = new StringBuilder();
        for (Certificate c : ks.getCertificateChain(name)) {
            chain.append(pem("CERTIFICATE", c.getEncoded()));
        }
        Path cert = Files.writeString(dir.resolve(name + "-cert.pem"), chain);
        Path keyFile = Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        return new TestCertificates(cert, keyFile);
    }

    private static void keytool(Path store, String san, List<String> keyArgs) throws IOException, InterruptedException {
        String alias = store.getFileName().toString().replace(".p12", "");
        List<String> cmd = new java.util.ArrayList<>(List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=" + san,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASS,
                "-keypass",
                PASS));
        cmd.addAll(keyArgs);
        run(cmd);
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
