package io.kronforce.controller.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.access.ApiKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's task must not learn the controller's keys (which would make the operator an admin):
 * a controller started as its command line starts it, in a child JVM with its keys in its
 * environment and in {@code _FILE}s, runs tasks that print every variable they can reach. Also the
 * {@code _FILE} settings' start-up errors.
 */
class TasksCannotReadControllerKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = ApiKeys.generate();
    private static final String AGENT_KEY = ApiKeys.generate();
    private static final String DISPATCH_KEY = ApiKeys.generate();
    private static final String ENCRYPTION_KEY = "encryption-passphrase-" + ApiKeys.generate();
    /** Every value a task must never print. */
    private static final List<String> SECRETS = List.of(ADMIN_KEY, AGENT_KEY, DISPATCH_KEY, ENCRYPTION_KEY);

    @TempDir
    Path dir;

    @Test
    void shellAndScriptTasksSeeNoKronforceVariableAndNoKey() throws Exception {
        int port = ControllerProcess.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("KRONFORCE_BIND", "127.0.0.1:" + port);
        // Two keys as the launcher should pass them (files), two as many do (variables).
        env.put("KRONFORCE_BOOTSTRAP_ADMIN_KEY_FILE", secretFile("admin", ADMIN_KEY + "\n"));
        env.put("KRONFORCE_ENCRYPTION_KEY_FILE", secretFile("encryption", ENCRYPTION_KEY));
        env.put("KRONFORCE_BOOTSTRAP_AGENT_KEY", AGENT_KEY);
        env.put("KRONFORCE_DISPATCH_KEY", DISPATCH_KEY);
        Process p = ControllerProcess.start(dir, env);
        try {
            ControllerProcess.awaitHealthy(p, dir, port); // with the admin key read from its file

            String printAll = "env; echo ---; tr '\\0' '\\n' < /proc/self/environ";
            String shell = run(port, shellTask(printAll));
            assertTrue(shell.contains("PATH="), shell);
            assertNoKronforceVariableNorKey(shell);

            ObjectNode script = JSON.createObjectNode().put("type", "script");
            script.put(
                    "script",
                    "let r = shell_exec(\"" + printAll.replace("\\", "\\\\") + "\"); print(r.stdout);"
                            + " print(env_var('KRONFORCE_BOOTSTRAP_AGENT_KEY'));"
                            + " print(env_var('KRONFORCE_ENCRYPTION_KEY'));");
            String scripted = run(port, script);
            assertTrue(scripted.contains("PATH="), scripted);
            assertNoKronforceVariableNorKey(scripted);

            // The parent's environment is the controller's own: readable by its OS user, so the
            // keys passed as files are the ones that are not in it.
            String parent = run(port, shellTask("tr '\\0' '\\n' < /proc/$PPID/environ"));
            assertTrue(parent.contains("KRONFORCE_BIND="), parent);
            assertFalse(parent.contains(ADMIN_KEY) || parent.contains(ENCRYPTION_KEY), parent);
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecretSetBothDirectlyAndAsAFileStopsTheStartWithOneLine() throws Exception {
        Process p = ControllerProcess.start(
                dir,
                Map.of(
                        "KRONFORCE_BOOTSTRAP_ADMIN_KEY",
                        ADMIN_KEY,
                        "KRONFORCE_BOOTSTRAP_ADMIN_KEY_FILE",
                        secretFile("admin", ADMIN_KEY)));
        List<String> err = awaitExit(p, 2);
        assertEquals(1, err.size(), err::toString);
        assertTrue(
                err.get(0).contains("KRONFORCE_BOOTSTRAP_ADMIN_KEY and KRONFORCE_BOOTSTRAP_ADMIN_KEY_FILE"),
                err::toString);
        assertFalse(err.get(0).contains(ADMIN_KEY), err::toString);
    }

    @Test
    void anUnreadableSecretFileStopsTheStartNamingIt() throws Exception {
        Process p = ControllerProcess.start(
                dir,
                Map.of(
                        "KRONFORCE_BOOTSTRAP_ADMIN_KEY",
                        ADMIN_KEY,
                        "KRONFORCE_ENCRYPTION_KEY_FILE",
                        dir.resolve("missing").toString()));
        List<String> err = awaitExit(p, 2);
        assertEquals(1, err.size(), err::toString);
        assertTrue(err.get(0).contains("KRONFORCE_ENCRYPTION_KEY_FILE: cannot read"), err::toString);
    }

    private static void assertNoKronforceVariableNorKey(String output) {
        assertFalse(output.contains("KRONFORCE_"), output);
        for (String secret : SECRETS) {
            assertFalse(output.contains(secret), output);
        }
    }

    private static ObjectNode shellTask(String command) {
        return JSON.createObjectNode().put("type", "shell").put("command", command);
    }

    /** Creates an on-demand job with the task, triggers it and returns its stdout once it succeeded. */
    private String run(int port, ObjectNode task) throws Exception {
        ObjectNode job = JSON.createObjectNode().put("name", "prints-env-" + System.nanoTime());
        job.set("task", task);
        job.set("schedule", JSON.createObjectNode().put("type", "on_demand"));
        String jobId = JSON.readTree(ControllerProcess.send(port, ADMIN_KEY, "POST", "/api/jobs", job.toString()))
                .path("id")
                .asText();
        String executionId = JSON.readTree(
                        ControllerProcess.send(port, ADMIN_KEY, "POST", "/api/jobs/" + jobId + "/trigger", "{}"))
                .path("execution_id")
                .asText();
        AtomicReference<JsonNode> row = new AtomicReference<>();
        Awaitility.await("the run ends")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    row.set(JSON.readTree(
                            ControllerProcess.send(port, ADMIN_KEY, "GET", "/api/executions/" + executionId, null)));
                    return List.of("succeeded", "failed", "timed_out", "cancelled")
                            .contains(row.get().path("status").asText());
                });
        assertEquals("succeeded", row.get().path("status").asText(), row.get()::toString);
        return row.get().path("stdout").asText();
    }

    private String secretFile(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name + ".secret"), text).toString();
    }

    private List<String> awaitExit(Process p, int code) throws Exception {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the start was not refused");
        List<String> err = Files.readAllLines(dir.resolve("stderr.log"));
        assertEquals(code, p.exitValue(), err::toString);
        return err;
    }
}
