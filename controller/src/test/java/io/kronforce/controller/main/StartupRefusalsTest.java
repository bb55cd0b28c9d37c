package io.kronforce.controller.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A start that cannot work stops at once, through the command line's own entry point in a child
 * JVM: exit 2 and one line naming the variable to change, never a stack trace, and never a
 * controller running without its listener.
 */
class StartupRefusalsTest {
    @TempDir
    Path dir;

    @Test
    void aPortInUseStopsTheStartWithExit2NamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Refusal r = refused(Map.of("KRONFORCE_BIND", "127.0.0.1:" + port));
            assertTrue(
                    r.stderr().contains("kronforce: cannot listen on 127.0.0.1:" + port + " (KRONFORCE_BIND)"),
                    r::toString);
            assertFalse(r.stdout().contains("listening on"), r::toString);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "KRONFORCE_EGRESS_ALLOW|300.1.1.1/33",
                "KRONFORCE_EGRESS_ALLOW|bad host!",
                "KRONFORCE_EGRESS_ALLOW|10.0.0.0/8,10.0.0.1/40",
                "KRONFORCE_CORS_ORIGINS|a.example",
                "KRONFORCE_CORS_ORIGINS|https://a.example/app",
                "KRONFORCE_CORS_ORIGINS|https://a.example,ftp://b.example",
                "KRONFORCE_BOOTSTRAP_ADMIN_KEY|kf_short",
                "KRONFORCE_BOOTSTRAP_ADMIN_KEY|kf_has a space in it 0123456789abcdefghijklmnop",
                "KRONFORCE_BOOTSTRAP_AGENT_KEY|0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
            })
    void anInvalidSettingStopsTheStartWithOneLineNamingIt(String variable, String value) throws Exception {
        Refusal r = refused(Map.of(variable, value));
        assertTrue(r.stderr().startsWith("kronforce: " + variable), r::toString);
    }

    @Test
    void aDatabaseFolderThatCannotBeCreatedStopsTheStartNamingKronforceDb() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Refusal r = refused(Map.of(
                "KRONFORCE_DB", file.resolve("sub").resolve("kronforce.db").toString()));
        assertTrue(r.stderr().startsWith("kronforce: KRONFORCE_DB: cannot create the folder"), r::toString);
    }

    @Test
    void aWellFormedBootstrapKeyIsTaken() throws Exception {
        int port = ControllerProcess.freePort();
        Process p = ControllerProcess.start(
                dir,
                Map.of(
                        "KRONFORCE_BIND", "127.0.0.1:" + port,
                        "KRONFORCE_BOOTSTRAP_ADMIN_KEY", "kf_lifecycle-test-admin-key-0123456789abcdefghijklmn",
                        "KRONFORCE_CORS_ORIGINS", "https://a.example, http://localhost:3000",
                        "KRONFORCE_EGRESS_ALLOW", "10.0.0.0/8,example.com"));
        try {
            ControllerProcess.awaitHealthy(p, dir, port);
        } finally {
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void helpNamesTheAgentWorkerAndLauncherVariables() throws Exception {
        Process p = ControllerProcess.start(dir, Map.of(), "--help");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        String help = Files.readString(dir.resolve("stdout.log"));
        for (String variable : java.util.List.of(
                "KRONFORCE_CONTROLLER_URL",
                "KRONFORCE_AGENT_BIND",
                "KRONFORCE_WORKER_CONCURRENCY",
                "KRONFORCE_JAVA_OPTS",
                "KRONFORCE_AGENT_JAVA_OPTS",
                "KRONFORCE_AOT")) {
            assertTrue(help.contains(variable), variable);
        }
    }

    private record Refusal(int exit, String stdout, String stderr) {}

    /** Starts the controller with {@code env}; asserts it exits 2 with one line on stderr and no stack trace. */
    private Refusal refused(Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("KRONFORCE_BIND", "127.0.0.1:0"));
        all.putAll(env);
        Process p = ControllerProcess.start(dir, all);
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        Refusal r = new Refusal(
                p.exitValue(),
                Files.readString(dir.resolve("stdout.log")),
                Files.readString(dir.resolve("stderr.log")));
        assertTrue(ended, () -> "still running: " + r);
        assertEquals(2, r.exit(), r::toString);
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception in thread"), r::toString);
        assertEquals(
                1, r.stderr().lines().filter(l -> l.startsWith("kronforce: ")).count(), r::toString);
        return r;
    }
}
