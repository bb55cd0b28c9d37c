package io.kronforce.task.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.TaskEnvironment;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A script reaches the host's environment only through the task environment. */
class ScriptEnvironmentTest {
    private static final Map<String, String> HOST = Map.of(
            "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "HOME", "/tmp",
            "KRONFORCE_BOOTSTRAP_AGENT_KEY", "kf_agent-secret-value",
            "AWS_SECRET_ACCESS_KEY", "aws-secret-value");

    private final ScriptTaskHandler handler =
            new ScriptTaskHandler(Scripts.LOOPBACK, ScriptLimits.defaults(), TaskEnvironment.of(HOST, null));

    @Test
    void shellExecInAScriptPrintsNoHostKey() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = Scripts.run(
                handler, "let r = shell_exec(\"env; tr '\\\\0' '\\\\n' < /proc/self/environ\"); print(r.stdout);", ctx);
        assertEquals(
                TaskOutcome.Succeeded.withExitCode(0), outcome, ctx.output().stderrText());
        String out = ctx.output().stdoutText();
        assertTrue(out.contains("HOME=/tmp"), out);
        assertFalse(out.contains("KRONFORCE_") || out.contains("secret-value"), out);
    }

    @Test
    void envVarReadsOnlyWhatAShellExecProcessWouldSee() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(
                handler,
                "print(env_var('HOME') + '|' + env_var('KRONFORCE_BOOTSTRAP_AGENT_KEY') + '|'"
                        + " + env_var('AWS_SECRET_ACCESS_KEY'));",
                ctx);
        assertEquals("/tmp||\n", ctx.output().stdoutText());
    }
}
