package io.kronforce.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskEnvironmentTest {
    private static final Map<String, String> HOST = Map.of(
            "PATH", "/usr/bin:/bin",
            "HOME", "/home/kf",
            "LC_TIME", "C",
            "KRONFORCE_BOOTSTRAP_ADMIN_KEY", "kf_admin-secret",
            "KRONFORCE_ENCRYPTION_KEY", "encryption-secret",
            "AWS_SECRET_ACCESS_KEY", "aws-secret",
            "PROXY_HTTP", "http://proxy:3128",
            "JAVA_HOME", "/opt/jdk");

    @Test
    void theHostsOwnVariablesAndUnlistedOnesStayOutOfATasksEnvironment() {
        Map<String, String> seen = TaskEnvironment.of(HOST, null).variables();
        assertEquals(Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/kf", "LC_TIME", "C"), seen);
    }

    @Test
    void theAllowSettingAddsNamesAndPrefixes() {
        Map<String, String> seen =
                TaskEnvironment.of(HOST, " JAVA_HOME , PROXY_* ,").variables();
        assertEquals("/opt/jdk", seen.get("JAVA_HOME"));
        assertEquals("http://proxy:3128", seen.get("PROXY_HTTP"));
        assertTrue(seen.keySet().stream().noneMatch(n -> n.startsWith("KRONFORCE_") || n.startsWith("AWS_")));
    }

    @Test
    void aPrefixWideEnoughToMatchTheHostsOwnVariablesStillPassesNoneOfThem() {
        Map<String, String> seen = TaskEnvironment.of(HOST, "K*,A*").variables();
        assertTrue(seen.containsKey("AWS_SECRET_ACCESS_KEY")); // the operator asked for it
        assertTrue(seen.keySet().stream().noneMatch(n -> n.startsWith("KRONFORCE_")), seen::toString);
        assertEquals(Optional.empty(), TaskEnvironment.of(HOST, "K*").get("KRONFORCE_ENCRYPTION_KEY"));
    }

    @Test
    void anAllowEntryNamingTheHostsOwnVariablesIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TaskEnvironment.of(HOST, "PATH,KRONFORCE_ENCRYPTION_KEY"));
        assertTrue(e.getMessage().contains("KRONFORCE_TASK_ENV_ALLOW"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TaskEnvironment.allowList("KRONFORCE_*"));
    }

    @Test
    void anAllowEntryThatIsNoNameIsRefusedNamingIt() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TaskEnvironment.allowList("PATH,A=B"));
        assertTrue(e.getMessage().contains("'A=B'"), e.getMessage());
        // Everything is not an allow-list: it would hand tasks every credential the host holds.
        assertThrows(IllegalArgumentException.class, () -> TaskEnvironment.allowList("*"));
    }

    @Test
    void aProcessStartedThroughItSeesOnlyTheAllowedVariables() throws Exception {
        ProcessBuilder pb = TaskEnvironment.of(HOST, null).applyTo(new ProcessBuilder("env"));
        assertEquals(Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/kf", "LC_TIME", "C"), pb.environment());
    }

    @Test
    void includingLetsMoreOfTheHostThroughButNeverItsOwn() {
        TaskEnvironment env = TaskEnvironment.of(HOST, null).including(java.util.List.of("JAVA_*", "KRONFORCE_*"));
        assertEquals(Optional.of("/opt/jdk"), env.get("JAVA_HOME"));
        assertTrue(env.variables().keySet().stream().noneMatch(n -> n.startsWith("KRONFORCE_")));
    }
}
