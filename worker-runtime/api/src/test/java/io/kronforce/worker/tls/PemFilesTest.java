package io.kronforce.worker.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key formats operators have. PKCS#8 comes from keytool; the older PKCS#1 and SEC 1 files are
 * written by openssl, as they are in the field, so those two tests need it on the PATH: without it
 * they fail (a skipped proof would read as a passed one).
 */
class PemFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsAChainAndAPkcs8Key() {
        TestCertificates ec = TestCertificates.ec(dir, "ec");
        assertEquals(1, PemFiles.certificates(ec.cert()).size());
        assertEquals("EC", PemFiles.privateKey(ec.key()).getAlgorithm());
    }

    @Test
    void readsAPkcs1RsaKeyAsTheSameKey() throws Exception {
        TestCertificates rsa = TestCertificates.rsa(dir, "rsa");
        Path pkcs1 = openssl(rsa.key(), "rsa-traditional.pem");
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        PrivateKey k = PemFiles.privateKey(pkcs1);
        assertArrayEquals(PemFiles.privateKey(rsa.key()).getEncoded(), k.getEncoded());
        TlsContexts.server(rsa.cert(), pkcs1); // and it pairs with the certificate
    }

    @Test
    void readsASec1EcKeyAsTheSameKey() throws Exception {
        TestCertificates ec = TestCertificates.ec(dir, "ec");
        Path sec1 = openssl(ec.key(), "ec-traditional.pem");
        assertTrue(Files.readString(sec1).contains("BEGIN EC PRIVATE KEY"));
        ECPrivateKey k = (ECPrivateKey) PemFiles.privateKey(sec1);
        assertEquals(((ECPrivateKey) PemFiles.privateKey(ec.key())).getS(), k.getS());
        TlsContexts.server(ec.cert(), sec1);
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheWayOut() throws IOException {
        Path f = Files.writeString(
                dir.resolve("enc.pem"), TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2}));
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(f));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    @Test
    void garbageInsideAKeyBlockIsRefusedByName() throws IOException {
        Path f = Files.writeString(
                dir.resolve("bad.pem"), TestCertificates.pem("PRIVATE KEY", new byte[] {48, 3, 2, 1, 0}));
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void anEmptyFileHasNoKey() throws IOException {
        Path f = Files.writeString(dir.resolve("empty.pem"), "");
        assertTrue(assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(f))
                .getMessage()
                .contains("holds no PEM private key"));
    }

    /** {@code openssl pkey -traditional}: PKCS#1 for RSA, SEC 1 for EC. */
    private Path openssl(Path pkcs8, String out) throws Exception {
        Path target = dir.resolve(out);
        Process p;
        try {
            p = new ProcessBuilder(
                            "openssl", "pkey", "-in", pkcs8.toString(), "-traditional", "-out", target.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noOpenssl) {
            throw new AssertionError("these tests need openssl on the PATH", noOpenssl);
        }
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(exited && p.exitValue() == 0, () -> "openssl pkey -traditional failed: " + output);
        return target;
    }
}
