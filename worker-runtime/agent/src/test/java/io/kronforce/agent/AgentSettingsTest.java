package io.kronforce.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream's agent variables (docs/reference/configuration.md#environment-variables-agents-and-workers), their
 * defaults, and clear refusals.
 */
class AgentSettingsTest {
    @Test
    void defaultsFollowUpstream() {
        AgentSettings s = AgentSettings.fromEnv(Map.of());
        assertEquals("http://localhost:8080", s.controllerUrl().toString());
        assertEquals(Optional.empty(), s.key());
        assertEquals("0.0.0.0", s.bindHost());
        assertEquals(8081, s.bindPort());
        assertEquals(List.of(), s.tags());
        assertTrue(!s.name().isBlank() && !s.address().isBlank());
    }

    @Test
    void everyVariableIsRead() {
        AgentSettings s = AgentSettings.fromEnv(Map.of(
                "KRONFORCE_CONTROLLER_URL",
                "https://ctl.example:8443/",
                "KRONFORCE_AGENT_KEY",
                " kf_abc ",
                "KRONFORCE_AGENT_NAME",
                "edge-1",
                "KRONFORCE_AGENT_ADDRESS",
                "10.0.0.5",
                "KRONFORCE_AGENT_BIND",
                "[::1]:9000",
                "KRONFORCE_AGENT_TAGS",
                "gpu, linux ,,"));
        assertEquals("https://ctl.example:8443", s.controllerUrl().toString());
        assertEquals(Optional.of("kf_abc"), s.key());
        assertEquals("edge-1", s.name());
        assertEquals("10.0.0.5", s.address());
        assertEquals("::1", s.bindHost());
        assertEquals(9000, s.bindPort());
        assertEquals(List.of("gpu", "linux"), s.tags());
    }

    @Test
    void badValuesNameTheVariable() {
        var e = assertThrows(
                AgentSettings.InvalidSetting.class,
                () -> AgentSettings.fromEnv(Map.of("KRONFORCE_AGENT_BIND", "0.0.0.0:99999")));
        assertTrue(e.getMessage().startsWith("KRONFORCE_AGENT_BIND"), e.getMessage());
        e = assertThrows(
                AgentSettings.InvalidSetting.class,
                () -> AgentSettings.fromEnv(Map.of("KRONFORCE_CONTROLLER_URL", "ftp://x")));
        assertTrue(e.getMessage().startsWith("KRONFORCE_CONTROLLER_URL"), e.getMessage());
    }

    @Test
    void tlsIsOffByDefaultAndHalfAPairIsRefusedNamingTheMissingVariable() {
        assertEquals(Optional.empty(), AgentSettings.fromEnv(Map.of()).serverTls());
        var e = assertThrows(
                AgentSettings.InvalidSetting.class,
                () -> AgentSettings.fromEnv(Map.of("KRONFORCE_TLS_KEY", "/etc/kronforce/key.pem")));
        assertTrue(e.getMessage().startsWith("KRONFORCE_TLS_CERT is not set but KRONFORCE_TLS_KEY is"), e.getMessage());
        e = assertThrows(
                AgentSettings.InvalidSetting.class,
                () -> AgentSettings.fromEnv(Map.of("KRONFORCE_CONTROLLER_CA", "/nonexistent/ca.pem")));
        assertTrue(e.getMessage().startsWith("KRONFORCE_CONTROLLER_CA: cannot read"), e.getMessage());
    }

    @Test
    void theKeyIsReadFromItsFileAndASecondSourceOrABadAllowEntryIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.key"), "kf_from-file\n");
        assertEquals(
                Optional.of("kf_from-file"),
                AgentSettings.fromEnv(Map.of("KRONFORCE_AGENT_KEY_FILE", file.toString()))
                        .key());
        var both = assertThrows(
                AgentSettings.InvalidSetting.class,
                () -> AgentSettings.fromEnv(
                        Map.of("KRONFORCE_AGENT_KEY", "kf_direct", "KRONFORCE_AGENT_KEY_FILE", file.toString())));
        assertTrue(both.getMessage().contains("KRONFORCE_AGENT_KEY_FILE"), both.getMessage());
        var allow = assertThrows(
                AgentSettings.InvalidSetting.class,
                () -> AgentSettings.fromEnv(Map.of("KRONFORCE_TASK_ENV_ALLOW", "KRONFORCE_AGENT_KEY")));
        assertTrue(allow.getMessage().startsWith("KRONFORCE_TASK_ENV_ALLOW"), allow.getMessage());
    }

    @Test
    void mutualTlsSettingsAreCheckedAtStartNamingTheVariable(@TempDir Path dir) {
        io.kronforce.worker.tls.TestCertificates c = io.kronforce.worker.tls.TestCertificates.ec(dir, "a");
        var clientCaAlone = assertThrows(
                AgentSettings.InvalidSetting.class,
                () -> AgentSettings.fromEnv(
                        Map.of("KRONFORCE_TLS_CLIENT_CA", c.cert().toString())));
        assertTrue(
                clientCaAlone.getMessage().startsWith("KRONFORCE_TLS_CLIENT_CA is set but"),
                clientCaAlone.getMessage());
        var clientKeyAlone = assertThrows(
                AgentSettings.InvalidSetting.class,
                () -> AgentSettings.fromEnv(
                        Map.of("KRONFORCE_TLS_CLIENT_KEY", c.key().toString())));
        assertTrue(
                clientKeyAlone.getMessage().startsWith("KRONFORCE_TLS_CLIENT_CERT is not set"),
                clientKeyAlone.getMessage());
        var period = assertThrows(
                AgentSettings.InvalidSetting.class,
                () -> AgentSettings.fromEnv(Map.of("KRONFORCE_TLS_RELOAD_SECS", "-1")));
        assertTrue(period.getMessage().startsWith("KRONFORCE_TLS_RELOAD_SECS must be"), period.getMessage());
        assertEquals(
                java.time.Duration.ofSeconds(60),
                AgentSettings.fromEnv(Map.of()).tlsReloadEvery());
    }
}
