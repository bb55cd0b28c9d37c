package io.kronforce.worker.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFromEnvTest {
    @TempDir
    Path dir;

    @Test
    void neitherVariableSetMeansPlainHttp() {
        assertEquals(Optional.empty(), TlsFromEnv.server(Map.of("CERT", " "), "CERT", "KEY"));
    }

    @Test
    void bothSetGivesAServerContext() {
        TestCertificates c = TestCertificates.ec(dir, "c");
        assertTrue(TlsFromEnv.server(
                        Map.of("CERT", c.cert().toString(), "KEY", c.key().toString()), "CERT", "KEY")
                .isPresent());
    }

    @Test
    void onlyTheCertificateSetNamesTheMissingKey() {
        TlsSetupException e = assertThrows(
                TlsSetupException.class, () -> TlsFromEnv.server(Map.of("CERT", "/x/c.pem"), "CERT", "KEY"));
        assertTrue(e.getMessage().startsWith("KEY is not set but CERT is"), e.getMessage());
    }

    @Test
    void onlyTheKeySetNamesTheMissingCertificate() {
        TlsSetupException e = assertThrows(
                TlsSetupException.class, () -> TlsFromEnv.server(Map.of("KEY", "/x/k.pem"), "CERT", "KEY"));
        assertTrue(e.getMessage().startsWith("CERT is not set but KEY is"), e.getMessage());
    }

    @Test
    void aBadFileIsReportedUnderTheVariables() {
        Path missing = dir.resolve("missing.pem");
        TlsSetupException e = assertThrows(
                TlsSetupException.class,
                () -> TlsFromEnv.server(Map.of("CERT", missing.toString(), "KEY", missing.toString()), "CERT", "KEY"));
        assertTrue(e.getMessage().startsWith("CERT/KEY: cannot read " + missing), e.getMessage());
    }

    @Test
    void aCaVariableIsOptionalAndItsErrorsNameIt() {
        assertNotNull(TlsFromEnv.trust(Map.of(), "CA"));
        TlsSetupException e = assertThrows(
                TlsSetupException.class,
                () -> TlsFromEnv.trust(Map.of("CA", dir.resolve("none.pem").toString()), "CA"));
        assertTrue(e.getMessage().startsWith("CA: cannot read"), e.getMessage());
    }
}
