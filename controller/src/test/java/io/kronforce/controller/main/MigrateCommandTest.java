package io.kronforce.controller.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.fixtures.UpstreamInstallation;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.resources.Variables;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.TestController;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kronforce migrate} over a database in upstream's schema written by the test itself (every
 * table populated, secrets sealed with upstream's scheme under a known key), then a real controller
 * started on the result and asked over HTTP whether each kind arrived and works.
 */
class MigrateCommandTest {
    private static final String UPSTREAM_KEY = "upstream-key-123";
    private static final String OUR_KEY = "our-own-key-456";
    private static final String SECRET = "s3cr3t-Pa55";
    private static final String JOB_A = "11111111-1111-4111-8111-111111111111";
    private static final String JOB_B = "22222222-2222-4222-8222-222222222222";
    private static final String JOB_C = "33333333-3333-4333-8333-333333333333";
    private static final String JOB_D = "44444444-4444-4444-8444-444444444444";
    private static final String JOB_E = "55555555-5555-4555-8555-555555555555";
    private static final String JOB_F = "66666666-6666-4666-8666-666666666666";
    private static final String WEBHOOK = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path upstreamDir;

    @TempDir
    Path ourDir;

    private Path upstreamFile;
    private final String adminKey = UpstreamInstallation.newRawKey();
    private final String viewerKey = UpstreamInstallation.newRawKey();
    private final String agentKey = UpstreamInstallation.newRawKey();
    private final String revokedKey = UpstreamInstallation.newRawKey();

    private record Outcome(int code, String out, String err) {}

    @BeforeEach
    void writeUpstreamInstallation() throws Exception {
        upstreamFile = upstreamDir.resolve("kronforce.db");
        try (UpstreamInstallation up = UpstreamInstallation.create(upstreamFile, UPSTREAM_KEY)) {
            String jobs = "INSERT INTO jobs (id, name, description, command, task_json, schedule_json, status,"
                    + " depends_on_json, created_at, updated_at, group_name, retry_max, webhook_token, timezone)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
            String echoSecret = "{\"type\":\"shell\",\"command\":\"echo '{{DB_PASSWORD}}' | rev\"}";
            up.insert(
                            jobs,
                            JOB_A,
                            "nightly-report",
                            "reverses a secret",
                            null,
                            echoSecret,
                            "{\"type\":\"cron\",\"value\":\"0 0 2 * * *\"}",
                            "scheduled",
                            "[]",
                            "2025-05-01T08:00:00.123456789+00:00",
                            "2025-05-03T09:00:00+00:00",
                            "Default",
                            2,
                            null,
                            "Europe/Paris")
                    .insert(
                            jobs,
                            JOB_B,
                            "load-warehouse",
                            null,
                            null,
                            "{\"type\":\"shell\",\"command\":\"echo load\"}",
                            "{\"type\":\"on_demand\"}",
                            "scheduled",
                            "[{\"job_id\":\"" + JOB_A + "\",\"within_secs\":3600}]",
                            "2025-05-01T08:01:00Z",
                            "2025-05-01T08:01:00Z",
                            "etl",
                            0,
                            WEBHOOK,
                            null)
                    .insert(
                            jobs,
                            JOB_C,
                            "legacy-cleanup",
                            null,
                            "echo legacy",
                            null,
                            "{\"type\":\"on_demand\"}",
                            "paused",
                            "[]",
                            "2024-01-01 10:00:00",
                            "2024-01-01 10:00:00",
                            "Default",
                            0,
                            null,
                            null);
            plainJob(up, JOB_D, "teleport-job", "{\"type\":\"teleport\",\"to\":\"mars\"}", ON_DEMAND, "[]");
            plainJob(
                    up,
                    JOB_E,
                    "after-teleport",
                    "{\"type\":\"shell\",\"command\":\"true\"}",
                    ON_DEMAND,
                    "[{\"job_id\":\"" + JOB_D + "\",\"within_secs\":null}]");
            plainJob(
                    up,
                    JOB_F,
                    "one-time-fix",
                    "{\"type\":\"shell\",\"command\":\"touch ran\"}",
                    "{\"type\":\"one_shot\",\"value\":\"2025-05-01T12:00:00Z\"}",
                    "[]");
            String version = "INSERT INTO job_versions (job_id, version, snapshot_json, changed_by_key_id,"
                    + " changed_by_name, created_at) VALUES (?,?,?,?,?,?)";
            up.insert(
                            version,
                            JOB_A,
                            1,
                            snapshot("nightly-report", "{\"type\":\"shell\",\"command\":\"echo old\"}"),
                            "k-admin",
                            "ops-admin",
                            "2025-05-01T08:00:00Z")
                    .insert(
                            version,
                            JOB_A,
                            2,
                            snapshot("nightly-report", echoSecret),
                            "k-admin",
                            "ops-admin",
                            "2025-05-03T09:00:00Z")
                    .insert(
                            version,
                            JOB_B,
                            1,
                            snapshot("load-warehouse", "{\"type\":\"shell\",\"command\":\"echo load\"}"),
                            null,
                            null,
                            "2025-05-01T08:01:00Z");
            String run = "INSERT INTO executions (id, job_id, agent_id, task_snapshot_json, status, exit_code, stdout,"
                    + " stderr, started_at, finished_at, triggered_by_json, extracted_json, created_at, attempt_number)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
            up.insert(
                            run,
                            "x1",
                            JOB_A,
                            null,
                            "{\"type\":\"shell\",\"command\":\"echo '" + SECRET + "' | rev\"}",
                            "succeeded",
                            0,
                            "55aP-t3rc3s",
                            "debug: password " + SECRET,
                            "2025-05-02T02:00:00.5+00:00",
                            "2025-05-02T02:00:01+00:00",
                            "{\"type\":\"scheduler\"}",
                            "{\"rows\":\"42\"}",
                            "2025-05-02 02:00:00",
                            1)
                    .insert(
                            run,
                            "x2",
                            JOB_A,
                            null,
                            echoSecret,
                            "running",
                            null,
                            "",
                            "",
                            "2025-05-04T02:00:00Z",
                            null,
                            "{\"type\":\"scheduler\"}",
                            null,
                            "2025-05-04 02:00:00",
                            1)
                    .insert(
                            run,
                            "x3",
                            JOB_D,
                            null,
                            "{\"type\":\"teleport\"}",
                            "failed",
                            1,
                            "",
                            "no such task",
                            "2025-05-02T03:00:00Z",
                            "2025-05-02T03:00:01Z",
                            "{\"type\":\"api\"}",
                            null,
                            "2025-05-02 03:00:00",
                            1)
                    .insert(
                            run,
                            "x4",
                            JOB_B,
                            "agent-1",
                            "{\"type\":\"shell\",\"command\":\"echo load\"}",
                            "failed",
                            1,
                            "",
                            "boom",
                            "2025-05-02T04:00:00Z",
                            "2025-05-02T04:00:02Z",
                            "{\"type\":\"api\"}",
                            null,
                            "2025-05-02 04:00:00",
                            1);
            String variable = "INSERT INTO variables (name, value, updated_at, secret) VALUES (?,?,?,?)";
            up.insert(variable, "REGION", "eu-west-1", "2025-05-01T08:00:00Z", 0)
                    .insert(variable, "DB_PASSWORD", up.seal(SECRET), "2025-05-01T08:00:00Z", 1)
                    .insert(
                            variable,
                            "OLD_TOKEN",
                            UpstreamInstallation.seal("some-other-key", "tok-123"),
                            "2025-05-01T08:00:00Z",
                            1);
            String connection = "INSERT INTO connections (name, conn_type, description, config, created_at,"
                    + " updated_at) VALUES (?,?,?,?,?,?)";
            up.insert(
                            connection,
                            "warehouse",
                            "postgres",
                            "the warehouse",
                            up.seal(
                                    "{\"connection_string\":\"postgres://etl:pw-9876@db/warehouse\",\"password\":\"pw-9876\"}"),
                            "2025-05-01T08:00:00Z",
                            "2025-05-01T08:00:00Z")
                    .insert(
                            connection,
                            "pigeon",
                            "carrier_pigeon",
                            null,
                            "{}",
                            "2025-05-01T08:00:00Z",
                            "2025-05-01T08:00:00Z");
            String setting = "INSERT OR REPLACE INTO settings (key, value) VALUES (?,?)";
            up.insert(setting, "retention_days", "14")
                    .insert(setting, "custom_groups", "[\"staging\"]")
                    .insert(setting, "pipeline_schedule_etl", "{\"type\":\"cron\",\"value\":\"0 30 1 * * *\"}")
                    .insert(setting, "ai_api_key", "sk-upstream-123")
                    .insert(setting, "ai_provider", "anthropic");
            String key = "INSERT INTO api_keys (id, key_prefix, key_hash, name, role, created_at, active,"
                    + " allowed_groups_json, ip_allowlist) VALUES (?,?,?,?,?,?,?,?,?)";
            up.insert(
                            key,
                            "k-admin",
                            adminKey.substring(0, 11),
                            UpstreamInstallation.keyHash(adminKey),
                            "ops-admin",
                            "admin",
                            "2025-05-01T08:00:00Z",
                            1,
                            null,
                            null)
                    .insert(
                            key,
                            "k-viewer",
                            viewerKey.substring(0, 11),
                            UpstreamInstallation.keyHash(viewerKey),
                            "dashboards",
                            "viewer",
                            "2025-05-01T08:00:00Z",
                            1,
                            "[\"etl\"]",
                            "[\"127.0.0.1/32\"]")
                    .insert(
                            key,
                            "k-agent",
                            agentKey.substring(0, 11),
                            UpstreamInstallation.keyHash(agentKey),
                            "agents",
                            "agent",
                            "2025-05-01T08:00:00Z",
                            1,
                            null,
                            null)
                    .insert(
                            key,
                            "k-revoked",
                            revokedKey.substring(0, 11),
                            UpstreamInstallation.keyHash(revokedKey),
                            "old-ops",
                            "operator",
                            "2025-05-01T08:00:00Z",
                            0,
                            null,
                            null)
                    .insert(
                            key,
                            "k-legacy",
                            "kf_legacy01",
                            "$argon2id$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA",
                            "legacy-ci",
                            "operator",
                            "2025-05-01T08:00:00Z",
                            1,
                            null,
                            null);
            String agent = "INSERT INTO agents (id, name, tags_json, hostname, address, port, agent_type, status,"
                    + " last_heartbeat, registered_at, task_types_json, system_info_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
            up.insert(
                            agent,
                            "agent-1",
                            "build-box",
                            "[\"linux\",\"build\"]",
                            "build-box.local",
                            "10.0.0.5",
                            8090,
                            "standard",
                            "online",
                            "2025-05-04T02:00:00Z",
                            "2025-04-01T00:00:00Z",
                            "[]",
                            "{\"os\":\"linux\",\"cpus\":8}")
                    .insert(
                            agent,
                            "agent-2",
                            "queue-worker",
                            "[]",
                            "worker.local",
                            "10.0.0.6",
                            0,
                            "custom",
                            "offline",
                            "2025-05-03T02:00:00Z",
                            "2025-04-01T00:00:00Z",
                            "[{\"name\":\"resize\",\"description\":null,\"fields\":[]}]",
                            null);
            // Tables the migration does not carry, populated all the same: it must read past them.
            up.insert("INSERT INTO events (id, kind, message, timestamp) VALUES ('e1', 'job.created', 'made',"
                            + " '2025-05-01T08:00:00Z')")
                    .insert("INSERT INTO audit_log (id, timestamp, operation, resource_type) VALUES ('a1',"
                            + " '2025-05-01T08:00:00Z', 'job.created', 'job')")
                    .insert("INSERT INTO job_queue (id, execution_id, agent_id, job_id, task_json, callback_url,"
                            + " created_at) VALUES ('q1', 'x2', 'agent-2', '" + JOB_A + "', '{}',"
                            + " 'http://upstream:8080', '2025-05-04T02:00:00Z')")
                    .insert("INSERT INTO oidc_sessions (id_hash, role, created_at, expires_at) VALUES ('h', 'viewer',"
                            + " '2025-05-01T08:00:00Z', '2025-05-02T08:00:00Z')")
                    .insert("INSERT INTO oidc_auth_states VALUES ('s', 'n', '2025-05-01T08:00:00Z')")
                    .insert("INSERT INTO job_templates VALUES ('Mine', 'a template', '{}', 'ops-admin',"
                            + " '2025-05-01T08:00:00Z')");
        }
        Path scripts = Files.createDirectories(upstreamDir.resolve("scripts"));
        Files.writeString(scripts.resolve("hello.rhai"), "print(\"hi\");");
        Files.writeString(scripts.resolve("image.dockerfile"), "FROM alpine\n");
        Files.writeString(scripts.resolve("bad name.rhai"), "1");
        Files.writeString(scripts.resolve("README.txt"), "not a script");
    }

    private static final String ON_DEMAND = "{\"type\":\"on_demand\"}";

    /** A scheduled job in the Default group with upstream's defaults, created and updated at one time. */
    private static void plainJob(
            UpstreamInstallation up, String id, String name, String task, String schedule, String dependsOn)
            throws java.sql.SQLException {
        up.insert(
                "INSERT INTO jobs (id, name, task_json, schedule_json, depends_on_json, created_at, updated_at)"
                        + " VALUES (?,?,?,?,?,?,?)",
                id,
                name,
                task,
                schedule,
                dependsOn,
                "2025-05-01T08:00:00Z",
                "2025-05-01T08:00:00Z");
    }

    private static String snapshot(String name, String task) {
        return "{\"id\":\"x\",\"name\":\"" + name + "\",\"description\":null,\"task\":" + task
                + ",\"run_as\":null,\"schedule\":{\"type\":\"on_demand\"},\"status\":\"scheduled\","
                + "\"timeout_secs\":null,\"depends_on\":[],\"target\":null,\"group\":\"Default\",\"retry_max\":0}";
    }

    private ControllerSettings ours(String encryptionKey) {
        Map<String, String> env = new HashMap<>();
        env.put("KRONFORCE_DB", ourDir.resolve("kronforce.db").toString());
        env.put("KRONFORCE_BIND", "127.0.0.1:0");
        Optional.ofNullable(encryptionKey).ifPresent(k -> env.put("KRONFORCE_ENCRYPTION_KEY", k));
        return ControllerSettings.fromEnv(env);
    }

    private static Outcome migrate(ControllerSettings settings, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] argv = new String[args.length + 1];
        argv[0] = "migrate";
        System.arraycopy(args, 0, argv, 1, args.length);
        int code = MigrateCommand.run(
                settings,
                argv,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                InstantSource.system());
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Outcome migrateWithUpstreamKey() {
        return migrate(
                ours(OUR_KEY),
                Map.of(MigrateCommand.UPSTREAM_KEY_ENV, UPSTREAM_KEY),
                "--from",
                upstreamFile.toString());
    }

    @Test
    void everyKindArrivesAndWorksOnAControllerStartedOnTheResult() throws Exception {
        Outcome o = migrateWithUpstreamKey();
        assertEquals(0, o.code(), o::toString);
        for (String line : List.of(
                "job 'teleport-job'",
                "job 'after-teleport': it depends on job " + JOB_D,
                "secret variable 'OLD_TOKEN'",
                "connection 'pigeon': unknown conn_type",
                "api key 'legacy-ci (kf_legacy01)': its stored hash is not SHA-256 hex: rotate the key",
                "script 'bad name.rhai'",
                "executions: unfinished when upstream stopped (running); not run again here (1)",
                "executions: their job was not carried (1)")) {
            assertTrue(o.out().contains(line), () -> "report lacks '" + line + "':\n" + o.out());
        }
        assertTrue(o.out().contains("jobs               4"), o.out());
        assertTrue(o.out().contains("variables          1"), o.out());
        assertTrue(o.out().contains("secret variables   1"), o.out());
        assertTrue(o.out().contains("executions         2"), o.out());
        assertTrue(
                o.out()
                        .contains("job 'one-time-fix': its one-shot time 2025-05-01T12:00:00Z has passed;"
                                + " carried unscheduled"),
                o.out());
        assertFalse(o.out().contains(SECRET), "the report never shows a secret");

        // At rest: the secret is sealed under our key, no longer under upstream's.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ourDir.resolve("kronforce.db"));
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT value FROM variables WHERE name='DB_PASSWORD'")) {
            assertTrue(rs.next());
            String stored = rs.getString(1);
            assertTrue(stored.startsWith("enc:"), stored);
            assertEquals(Optional.of(SECRET), SecretBox.fromPassphrase(OUR_KEY).open(stored));
            assertEquals(
                    Optional.empty(), SecretBox.fromPassphrase(UPSTREAM_KEY).open(stored));
        }

        // The bootstrap keys are upstream's raw admin and agent keys: had the keys not been carried,
        // bootstrap would have made them, so the key list below must show upstream's rows, not bootstrap ones.
        try (TestController tc = TestController.start(
                ourDir,
                Map.of(
                        "KRONFORCE_ENCRYPTION_KEY", OUR_KEY,
                        "KRONFORCE_BOOTSTRAP_ADMIN_KEY", adminKey,
                        "KRONFORCE_BOOTSTRAP_AGENT_KEY", agentKey))) {
            List<String> keyNames = tc.read("/api/keys").findValuesAsText("name");
            assertTrue(
                    keyNames.containsAll(List.of("ops-admin", "dashboards", "agents", "old-ops")), keyNames::toString);
            assertFalse(keyNames.stream().anyMatch(n -> n.contains("bootstrap")), keyNames::toString);
            assertEquals(200, tc.send("GET", "/api/jobs", viewerKey, null, null).status());
            assertEquals(
                    401, tc.send("GET", "/api/jobs", revokedKey, null, null).status());

            // Jobs, with their history of versions and their status.
            List<String> jobNames = tc.read("/api/jobs?per_page=100").findValuesAsText("name");
            assertTrue(
                    jobNames.containsAll(List.of("nightly-report", "load-warehouse", "legacy-cleanup")),
                    jobNames::toString);
            assertFalse(jobNames.contains("teleport-job") || jobNames.contains("after-teleport"), jobNames::toString);
            JsonNode a = tc.read("/api/jobs/" + JOB_A);
            assertEquals("Europe/Paris", a.path("timezone").asText());
            assertEquals(2, a.path("retry_max").asInt());
            JsonNode versions = tc.read("/api/jobs/" + JOB_A + "/versions");
            assertEquals(2, versions.size(), versions::toString);
            assertTrue(versions.toString().contains("echo old"), versions::toString);
            JsonNode legacy = tc.read("/api/jobs/" + JOB_C);
            assertEquals("paused", legacy.path("status").asText());
            assertEquals("echo legacy", legacy.path("task").path("command").asText());
            assertEquals(
                    JOB_A,
                    tc.read("/api/jobs/" + JOB_B)
                            .path("depends_on")
                            .path(0)
                            .path("job_id")
                            .asText());
            int hook = tc.send("POST", "/api/webhooks/" + WEBHOOK, null, null, null)
                    .status();
            assertTrue(hook >= 200 && hook < 300, "upstream's webhook token still fires its job: " + hook);

            // Variables: the secret is masked in responses and readable by a run.
            JsonNode vars = tc.read("/api/variables");
            assertEquals(Variables.MASK, valueOf(vars, "DB_PASSWORD"), vars::toString);
            assertEquals("eu-west-1", valueOf(vars, "REGION"));
            assertFalse(vars.toString().contains("OLD_TOKEN"), vars::toString);
            JsonNode done = Api.awaitStatus(tc, Api.trigger(tc, JOB_A), "succeeded", Duration.ofSeconds(20));
            assertEquals("55aP-t3rc3s", done.path("stdout").asText().trim(), done::toString);

            // Connections (config masked), scripts, settings, groups and the pipeline.
            JsonNode warehouse = tc.read("/api/connections/warehouse");
            assertEquals("postgres", warehouse.path("conn_type").asText());
            assertEquals("********", warehouse.path("config").path("password").asText(), warehouse::toString);
            assertFalse(tc.read("/api/connections").toString().contains("pigeon"));
            assertEquals(List.of("hello", "image"), tc.read("/api/scripts").findValuesAsText("name"));
            assertEquals(
                    "print(\"hi\");", tc.read("/api/scripts/hello").path("code").asText());
            assertEquals(
                    "dockerfile",
                    tc.read("/api/scripts/image").path("script_type").asText());
            JsonNode settings = tc.read("/api/settings");
            assertEquals("14", settings.path("retention_days").asText(), settings::toString);
            assertEquals("anthropic", settings.path("ai_provider").asText());
            assertEquals(Variables.MASK, settings.path("ai_api_key").asText());
            String groups = tc.read("/api/jobs/groups").toString();
            assertTrue(groups.contains("staging") && groups.contains("etl"), groups);
            assertEquals(
                    "0 30 1 * * *",
                    tc.read("/api/jobs/pipeline-schedule/etl").path("value").asText());

            // Agents, offline until they next speak to this controller.
            JsonNode agents = tc.read("/api/agents");
            assertEquals(2, agents.size(), agents::toString);
            assertEquals("queue-worker", agents.path(1).path("name").asText());
            JsonNode box = agents.path(0);
            assertEquals("build-box", box.path("name").asText());
            assertEquals("offline", box.path("status").asText());
            assertEquals("10.0.0.5", box.path("address").asText());
            assertEquals("[\"linux\",\"build\"]", box.path("tags").toString());
            assertEquals("custom", agents.path(1).path("agent_type").asText());
            assertEquals(
                    "resize",
                    agents.path(1).path("task_types").path(0).path("name").asText());

            // History: finished runs kept, secrets scrubbed back to their placeholder; unfinished ones left.
            JsonNode x1 = tc.read("/api/executions/x1");
            assertEquals("succeeded", x1.path("status").asText());
            assertEquals("2025-05-02T02:00:00.500Z", x1.path("started_at").asText());
            assertEquals(
                    "echo '{{DB_PASSWORD}}' | rev",
                    x1.path("task_snapshot").path("command").asText());
            assertEquals("debug: password " + Variables.MASK, x1.path("stderr").asText());
            assertEquals("42", x1.path("extracted").path("rows").asText());
            assertEquals(
                    "agent-1", tc.read("/api/executions/x4").path("agent_id").asText());
            assertEquals(404, tc.get("/api/executions/x2", Role.ADMIN).status());
            assertEquals(404, tc.get("/api/executions/x3", Role.ADMIN).status());

            // The journal starts with the migration, its counts in the audit entry.
            String audit = tc.read("/api/audit-log?operation=upstream.migrated").toString();
            assertTrue(audit.contains("upstream.migrated") && audit.contains("executions 2"), audit);
        }
    }

    private static String valueOf(JsonNode variables, String name) {
        for (JsonNode v : variables.isArray() ? variables : variables.path("data")) {
            if (v.path("name").asText().equals(name)) {
                return v.path("value").asText();
            }
        }
        throw new AssertionError("no variable " + name + " in " + variables);
    }

    @Test
    void aSecondRunRefusesBecauseTheTargetHoldsDataAndChangesNothing() throws Exception {
        assertEquals(0, migrateWithUpstreamKey().code());
        long before = Files.size(ourDir.resolve("kronforce.db"));

        Outcome again = migrateWithUpstreamKey();

        assertEquals(2, again.code(), again::toString);
        assertTrue(again.err().contains("already holds data (jobs 4"), again.err());
        assertFalse(again.out().contains("Carried:"), again::out);
        assertEquals(before, Files.size(ourDir.resolve("kronforce.db")));
    }

    @Test
    void withoutUpstreamsKeyEverySealedValueIsNamedAndNothingSealedIsStored() {
        Outcome o = migrate(ours(null), Map.of(), "--from", upstreamFile.toString());

        assertEquals(0, o.code(), o::toString);
        for (String name :
                List.of("secret variable 'DB_PASSWORD'", "secret variable 'OLD_TOKEN'", "connection 'warehouse'")) {
            assertTrue(
                    o.out().contains(name + ": sealed with upstream's KRONFORCE_ENCRYPTION_KEY, which was not given"),
                    () -> name + " in\n" + o.out());
        }
        assertTrue(o.out().contains("variables          1"), o.out());
    }

    @Test
    void badArgumentsAndUnreadableFilesExitTwoWithOneLine() throws Exception {
        Path garbage = Files.writeString(upstreamDir.resolve("garbage.db"), "this is not SQLite at all".repeat(100));
        Path empty = upstreamDir.resolve("empty.db");
        DriverManager.getConnection("jdbc:sqlite:" + empty).close();
        for (String[] args : List.of(
                new String[] {},
                new String[] {"--from"},
                new String[] {"--from", upstreamFile.toString(), "--bogus"},
                new String[] {"--from", upstreamDir.resolve("missing.db").toString()},
                new String[] {"--from", garbage.toString()},
                new String[] {"--from", empty.toString()},
                new String[] {"--from", upstreamFile.toString(), "--scripts-dir", "/no/such/folder"})) {
            Outcome o = migrate(ours(OUR_KEY), Map.of(), args);
            assertEquals(2, o.code(), () -> String.join(" ", args) + " → " + o);
            assertEquals(1, o.err().lines().count(), o::err);
            assertTrue(o.err().startsWith("kronforce: "), o::err);
        }
        assertFalse(Files.exists(ourDir.resolve("kronforce.db")), "nothing was created for a refused command");
    }

    @Test
    void aRunningControllersLockMakesTheMigrationRefuse() throws Exception {
        ControllerSettings settings = ours(OUR_KEY);
        try (InstanceLock controller =
                InstanceLock.tryAcquire(settings.dbFile(), true).orElseThrow()) {
            Outcome o = migrate(
                    settings, Map.of(MigrateCommand.UPSTREAM_KEY_ENV, UPSTREAM_KEY), "--from", upstreamFile.toString());
            assertEquals(2, o.code(), o::toString);
            assertTrue(o.err().contains("a controller is running on"), o.err());
        }
        assertEquals(0, migrateWithUpstreamKey().code(), "once the controller has stopped the migration runs");
    }

    @Test
    void aMigrationsLockKeepsAControllerFromTakingTheFile() throws Exception {
        Path db = ourDir.resolve("kronforce.db");
        try (InstanceLock migration = InstanceLock.tryAcquire(db, false).orElseThrow()) {
            assertTrue(InstanceLock.tryAcquire(db, true).isEmpty());
        }
        try (InstanceLock controller = InstanceLock.tryAcquire(db, true).orElseThrow()) {
            assertTrue(controller != null);
        }
    }
}
