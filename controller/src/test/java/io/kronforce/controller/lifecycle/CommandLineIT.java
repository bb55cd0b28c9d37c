package io.kronforce.controller.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's command line: help, setting errors, and recovering a lost admin key. */
class CommandLineIT {
    @TempDir
    Path dir;

    @Test
    void helpListsTheSettingsAndExitsZero() throws Exception {
        Result r = run(List.of("--help"), Map.of());
        assertEquals(0, r.exit());
        assertTrue(r.output().contains("KRONFORCE_DB") && r.output().contains("--reset-admin-key"), r.output());
    }

    @Test
    void anInvalidSettingStopsTheStartWithAMessageNamingIt() throws Exception {
        Result r = run(List.of(), Map.of("KRONFORCE_DB_POOL_SIZE", "lots"));
        assertEquals(2, r.exit());
        assertTrue(r.output().contains("KRONFORCE_DB_POOL_SIZE"), r.output());
    }

    @Test
    void resetAdminKeyPrintsAKeyThatThenAdministersTheController() throws Exception {
        Result r = run(
                List.of("--reset-admin-key"),
                Map.of("KRONFORCE_DB", dir.resolve("kronforce.db").toString()));
        assertEquals(0, r.exit(), r.output());
        Matcher key = Pattern.compile("(kf_[A-Za-z0-9_-]{43})").matcher(r.output());
        assertTrue(key.find(), r.output());

        try (ChildController controller = ChildController.start(dir)) {
            assertEquals(
                    200, controller.sendAs(key.group(1), "GET", "/api/keys").statusCode());
        }
    }

    @Test
    void anIdentityProviderThatCannotBeReadStopsTheStartButNotTheAdminKeyReset() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens here once the socket is closed
        }
        Map<String, String> env = Map.of(
                "KRONFORCE_DB", dir.resolve("kronforce.db").toString(),
                "KRONFORCE_BIND", "127.0.0.1:0",
                "KRONFORCE_OIDC_ISSUER", "http://127.0.0.1:" + closed + "/realms/kf",
                "KRONFORCE_OIDC_CLIENT_ID", "kronforce",
                "KRONFORCE_OIDC_CLIENT_SECRET", "never-printed-secret",
                "KRONFORCE_OIDC_REDIRECT_URI", "http://127.0.0.1:8080/api/auth/oidc/callback");
        Result start = run(List.of(), env);
        assertEquals(2, start.exit(), start.output());
        assertTrue(
                start.output()
                        .contains("kronforce: single sign-on: discovery at http://127.0.0.1:" + closed
                                + "/realms/kf/.well-known/openid-configuration failed"),
                start.output());
        assertTrue(!start.output().contains("never-printed-secret"), start.output());

        Result reset = run(List.of("--reset-admin-key"), env);
        assertEquals(0, reset.exit(), reset.output());
    }

    private record Result(int exit, String output) {}

    private Result run(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                System.getProperty("kronforce.jar")));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "command did not finish");
        return new Result(p.exitValue(), output);
    }
}
