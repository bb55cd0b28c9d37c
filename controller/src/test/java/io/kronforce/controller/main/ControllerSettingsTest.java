package io.kronforce.controller.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.database.SyncMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControllerSettingsTest {

    @Test
    void defaultsToALocalFileLoopback8080AndAPoolOfEight() {
        ControllerSettings s = ControllerSettings.fromEnv(Map.of());

        assertEquals(Path.of("./data/kronforce.db"), s.dbFile());
        assertEquals("127.0.0.1", s.bindHost());
        assertEquals(8080, s.bindPort());
        assertEquals(8, s.dbPoolSize());
        assertEquals(Duration.ofSeconds(5), s.dbTimeout());
        assertEquals(SyncMode.FULL, s.dbSync());
        assertEquals(256, s.localWorkers());
        assertEquals(Duration.ofSeconds(20), s.shutdownGrace());
        assertEquals(Set.of(), s.corsOrigins());
        assertEquals("", s.egressAllow());
        assertNull(s.encryptionKey());
        assertNull(s.retentionDays());
        assertNull(s.auditRetentionDays());
        assertEquals(new ControllerSettings.RetentionDuty(Duration.ofMinutes(10), Optional.empty()), s.retentionDuty());
        assertTrue(s.mcpEnabled());
        assertEquals(Duration.ofHours(1), s.mcpSessionIdle());
    }

    @Test
    void readsEveryVariable() {
        ControllerSettings s = ControllerSettings.fromEnv(Map.ofEntries(
                Map.entry("KRONFORCE_DB", "/var/lib/kf/k.db"),
                Map.entry("KRONFORCE_BIND", "[::1]:9090"),
                Map.entry("KRONFORCE_DB_POOL_SIZE", " 16 "),
                Map.entry("KRONFORCE_DB_TIMEOUT_SECS", "30"),
                Map.entry("KRONFORCE_DB_SYNCHRONOUS", " FULL "),
                Map.entry("KRONFORCE_ENCRYPTION_KEY", "passphrase"),
                Map.entry("KRONFORCE_BOOTSTRAP_ADMIN_KEY", "kf_settings-test-admin-key-0123456789abcdef"),
                Map.entry("KRONFORCE_BOOTSTRAP_AGENT_KEY", "kf_settings-test-agent-key-0123456789abcdef"),
                Map.entry("KRONFORCE_EGRESS_ALLOW", "10.0.0.0/8"),
                Map.entry("KRONFORCE_CORS_ORIGINS", "https://a.example, https://b.example,,"),
                Map.entry("KRONFORCE_LOCAL_WORKERS", "4"),
                Map.entry("KRONFORCE_RETENTION_DAYS", "0"),
                Map.entry("KRONFORCE_AUDIT_RETENTION_DAYS", "365"),
                Map.entry("KRONFORCE_RETENTION_EVERY_SECS", "60"),
                Map.entry("KRONFORCE_RETENTION_HORIZON_SECS", "120"),
                Map.entry("KRONFORCE_SHUTDOWN_GRACE_SECS", "0"),
                Map.entry("KRONFORCE_MCP_ENABLED", "0"),
                Map.entry("KRONFORCE_MCP_SESSION_IDLE_SECS", "60")));

        assertEquals(Path.of("/var/lib/kf/k.db"), s.dbFile());
        assertEquals("::1", s.bindHost());
        assertEquals(9090, s.bindPort());
        assertEquals(16, s.dbPoolSize());
        assertEquals(Duration.ofSeconds(30), s.dbTimeout());
        assertEquals(SyncMode.FULL, s.dbSync());
        assertEquals("passphrase", s.encryptionKey());
        assertEquals("kf_settings-test-admin-key-0123456789abcdef", s.bootstrapAdminKey());
        assertEquals("kf_settings-test-agent-key-0123456789abcdef", s.bootstrapAgentKey());
        assertEquals("10.0.0.0/8", s.egressAllow());
        assertEquals(Set.of("https://a.example", "https://b.example"), s.corsOrigins());
        assertEquals(4, s.localWorkers());
        assertEquals(0, s.retentionDays());
        assertEquals(365, s.auditRetentionDays());
        assertEquals(
                new ControllerSettings.RetentionDuty(Duration.ofMinutes(1), Optional.of(Duration.ofMinutes(2))),
                s.retentionDuty());
        assertEquals(Duration.ZERO, s.shutdownGrace());
        assertFalse(s.mcpEnabled());
        assertEquals(Duration.ofMinutes(1), s.mcpSessionIdle());
    }

    @Test
    void treatsBlankValuesAsUnset() {
        ControllerSettings s = ControllerSettings.fromEnv(Map.of("KRONFORCE_DB", " ", "KRONFORCE_DB_POOL_SIZE", ""));

        assertEquals(Path.of("./data/kronforce.db"), s.dbFile());
        assertEquals(8, s.dbPoolSize());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "KRONFORCE_DB_POOL_SIZE | 0",
                "KRONFORCE_DB_POOL_SIZE | 65",
                "KRONFORCE_DB_POOL_SIZE | eight",
                "KRONFORCE_DB_TIMEOUT_SECS | 0",
                "KRONFORCE_DB_TIMEOUT_SECS | 1.5",
                "KRONFORCE_DB_SYNCHRONOUS | off",
                "KRONFORCE_DB_SYNCHRONOUS | 2",
                "KRONFORCE_LOCAL_WORKERS | -1",
                "KRONFORCE_RETENTION_DAYS | -1",
                "KRONFORCE_AUDIT_RETENTION_DAYS | 99999999999",
                "KRONFORCE_SHUTDOWN_GRACE_SECS | 3601",
                "KRONFORCE_MCP_ENABLED | maybe",
                "KRONFORCE_DEMO_MODE | yes",
                "KRONFORCE_LOG_FORMAT | yaml",
                "KRONFORCE_MCP_SESSION_IDLE_SECS | 0",
                "KRONFORCE_BIND | 127.0.0.1",
                "KRONFORCE_BIND | 127.0.0.1:http",
                "KRONFORCE_BIND | 127.0.0.1:65536",
                "KRONFORCE_BIND | 127.0.0.1:-1",
                "KRONFORCE_LOCAL_TASKS | no",
                "KRONFORCE_TASK_ENV_ALLOW | KRONFORCE_ENCRYPTION_KEY",
                "KRONFORCE_TASK_ENV_ALLOW | PATH=/bin",
                "KRONFORCE_RATE_LIMIT_ENABLED | maybe",
                "KRONFORCE_RATE_LIMIT_PUBLIC | -1",
                "KRONFORCE_RATE_LIMIT_AUTH_FAILURES | ten",
                "KRONFORCE_TRUSTED_PROXIES | proxy.example",
            })
    void namesTheVariableInTheMessageOfAnInvalidValue(String variable, String value) {
        var e = assertThrows(
                ControllerSettings.InvalidSetting.class, () -> ControllerSettings.fromEnv(Map.of(variable, value)));

        assertTrue(e.getMessage().startsWith(variable), e.getMessage());
        String offending = value.substring(value.lastIndexOf(':') + 1); // the port, for KRONFORCE_BIND
        assertTrue(e.getMessage().contains("'" + offending + "'"), e.getMessage());
    }

    @Test
    void aBadSynchronousModeNamesTheAllowedValues() {
        var e = assertThrows(
                ControllerSettings.InvalidSetting.class,
                () -> ControllerSettings.fromEnv(Map.of("KRONFORCE_DB_SYNCHRONOUS", "extra")));

        assertEquals("KRONFORCE_DB_SYNCHRONOUS must be one of normal, full, got 'extra'", e.getMessage());
    }

    @Test
    void demoModeIsOffAndLogsAreTextUnlessAsked() {
        ControllerSettings plain = ControllerSettings.fromEnv(Map.of());
        ControllerSettings asked =
                ControllerSettings.fromEnv(Map.of("KRONFORCE_DEMO_MODE", "1", "KRONFORCE_LOG_FORMAT", " JSON "));

        assertEquals(false, plain.demoMode());
        assertEquals(ControllerSettings.LogFormat.TEXT, plain.logFormat());
        assertEquals(true, asked.demoMode());
        assertEquals(ControllerSettings.LogFormat.JSON, asked.logFormat());
    }

    @Test
    void tasksRunLocallyWithTheBaseEnvironmentUnlessAsked() {
        ControllerSettings plain = ControllerSettings.fromEnv(Map.of());
        ControllerSettings asked = ControllerSettings.fromEnv(
                Map.of("KRONFORCE_LOCAL_TASKS", " OFF ", "KRONFORCE_TASK_ENV_ALLOW", "JAVA_HOME,PROXY_*"));

        assertTrue(plain.localTasks());
        assertEquals("", plain.taskEnvAllow());
        assertFalse(asked.localTasks());
        assertEquals("JAVA_HOME,PROXY_*", asked.taskEnvAllow());
    }

    @Test
    void aSecretIsReadFromItsFileAndDoesNotStayInItsFileSetting(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "from-a-file\n");
        ControllerSettings s = ControllerSettings.fromEnv(Map.of("KRONFORCE_ENCRYPTION_KEY_FILE", file.toString()));
        assertEquals("from-a-file", s.encryptionKey());

        var e = assertThrows(
                ControllerSettings.InvalidSetting.class,
                () -> ControllerSettings.fromEnv(
                        Map.of("KRONFORCE_AGENT_KEY", "direct", "KRONFORCE_AGENT_KEY_FILE", file.toString())));
        assertEquals("KRONFORCE_AGENT_KEY and KRONFORCE_AGENT_KEY_FILE are both set; set one", e.getMessage());
    }

    @Test
    void singleSignOnIsOffUntilTheIssuerAndClientAreSetAndTakesUpstreamsDefaults() {
        assertTrue(ControllerSettings.fromEnv(Map.of()).sso().isEmpty());
        io.kronforce.controller.sso.SsoSettings sso = ControllerSettings.fromEnv(Map.of(
                        "KRONFORCE_OIDC_ISSUER", "https://id.example.com/realms/kf",
                        "KRONFORCE_OIDC_CLIENT_ID", "kronforce",
                        "KRONFORCE_OIDC_CLIENT_SECRET", "the-client-secret",
                        "KRONFORCE_CALLBACK_URL", "https://kf.example.com/",
                        "KRONFORCE_OIDC_ADMIN_VALUES", "kf-admins, ops-leads ,"))
                .sso()
                .orElseThrow();
        assertEquals(
                "https://kf.example.com/api/auth/oidc/callback",
                sso.redirectUri().toString());
        assertEquals("openid email profile", sso.scopes());
        assertEquals("groups", sso.roleClaim());
        assertEquals(java.util.List.of("kf-admins", "ops-leads"), sso.adminValues());
        assertEquals(java.util.List.of(), sso.operatorValues());
        assertEquals(io.kronforce.controller.domain.Role.VIEWER, sso.defaultRole());
        assertEquals(Duration.ofDays(1), sso.sessionLifetime());
        assertFalse(sso.toString().contains("the-client-secret"), sso::toString);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "KRONFORCE_OIDC_ISSUER|https://id.example.com|KRONFORCE_OIDC_CLIENT_ID",
                "KRONFORCE_OIDC_CLIENT_ID|kronforce|KRONFORCE_OIDC_ISSUER",
            })
    void anIssuerWithoutAClientOrTheReverseStopsTheStart(String name, String value, String missing) {
        var e = assertThrows(
                ControllerSettings.InvalidSetting.class, () -> ControllerSettings.fromEnv(Map.of(name, value)));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "KRONFORCE_OIDC_DEFAULT_ROLE|agent",
                "KRONFORCE_OIDC_DEFAULT_ROLE|superuser",
                "KRONFORCE_OIDC_SCOPES|email profile",
                "KRONFORCE_OIDC_ISSUER|id.example.com",
                "KRONFORCE_OIDC_SESSION_TTL_SECS|0",
                "KRONFORCE_OIDC_REDIRECT_URI|/api/auth/oidc/callback",
            })
    void aSingleSignOnSettingThatCannotWorkStopsTheStart(String name, String value) {
        java.util.Map<String, String> env = new java.util.HashMap<>(Map.of(
                "KRONFORCE_OIDC_ISSUER", "https://id.example.com",
                "KRONFORCE_OIDC_CLIENT_ID", "kronforce",
                "KRONFORCE_OIDC_REDIRECT_URI", "https://kf.example.com/api/auth/oidc/callback"));
        env.put(name, value);
        var e = assertThrows(ControllerSettings.InvalidSetting.class, () -> ControllerSettings.fromEnv(env));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void singleSignOnNeedsToKnowWhereToSendBrowsersBack() {
        var e = assertThrows(
                ControllerSettings.InvalidSetting.class,
                () -> ControllerSettings.fromEnv(Map.of(
                        "KRONFORCE_OIDC_ISSUER", "https://id.example.com", "KRONFORCE_OIDC_CLIENT_ID", "kronforce")));
        assertTrue(e.getMessage().contains("KRONFORCE_OIDC_REDIRECT_URI"), e.getMessage());
    }

    @Test
    void rateLimitsAreOnWithUpstreamsDefaultsAndTrustNoProxyUnlessAsked() {
        var plain = ControllerSettings.fromEnv(Map.of()).rateLimits();
        var asked = ControllerSettings.fromEnv(Map.of(
                        "KRONFORCE_RATE_LIMIT_ENABLED",
                        "0",
                        "KRONFORCE_RATE_LIMIT_AGENT",
                        "0",
                        "KRONFORCE_TRUSTED_PROXIES",
                        " 10.0.0.0/8 , 192.0.2.7"))
                .rateLimits();

        assertTrue(plain.enabled());
        assertEquals(60, plain.publicPerMinute());
        assertEquals(300, plain.authenticatedPerMinute());
        assertEquals(600, plain.agentPerMinute());
        assertEquals(10, plain.authFailuresPerMinute());
        assertEquals(0, plain.trustedProxies().size());
        assertFalse(asked.enabled());
        assertEquals(0, asked.agentPerMinute());
        assertEquals(2, asked.trustedProxies().size());
    }
}
