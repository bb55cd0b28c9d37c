package io.kronforce.task.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kronforce.task.TaskEnvironment;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A shell task's process starts with the task environment, never the host's variables. */
class ShellTaskEnvironmentTest {
    private static final Map<String, String> HOST = Map.of(
            "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "HOME", "/tmp",
            "KRONFORCE_BOOTSTRAP_ADMIN_KEY", "kf_admin-secret-value",
            "KRONFORCE_ENCRYPTION_KEY", "encryption-secret-value",
            "UNLISTED", "x");

    private final ShellTaskHandler handler = new ShellTaskHandler(TaskEnvironment.of(HOST, null));

    @Test
    void envInAShellTaskPrintsNoHostKeyOrUnlistedVariable() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        // /proc/self/environ is what the process was started with; `env` is what sh exports.
        TaskOutcome outcome = handler.run(new ShellTask("env; tr '\\0' '\\n' < /proc/self/environ", null), ctx);
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), outcome);
        String out = ctx.output().stdoutText();
        assertFalse(out.contains("KRONFORCE_") || out.contains("secret-value") || out.contains("UNLISTED"), out);
        Set<String> names = new TreeSet<>();
        Arrays.stream(out.split("\n"))
                .filter(l -> l.contains("="))
                .forEach(l -> names.add(l.substring(0, l.indexOf('='))));
        // sh adds PWD (and some shells SHLVL, _) of its own; nothing else beyond the allow-list.
        names.removeAll(Set.of("PWD", "SHLVL", "_", "OLDPWD"));
        assertEquals(Set.of("HOME", "PATH"), names);
    }
}
