package io.kronforce.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./kronforce agent} and {@code ./kronforce worker} as the launcher starts them (their main
 * classes in a child JVM): help without connecting, and a start that cannot work ends with one line
 * that says where and what to change, exit 1 (their documented code), never a stack trace.
 */
class AgentCommandLineTest {
    private record Result(int exit, String output) {}

    @Test
    void agentHelpPrintsTheUsageAndExitsZeroWithoutConnecting() throws Exception {
        Result r = run(AgentMain.class, List.of("--help"), Map.of("KRONFORCE_CONTROLLER_URL", "http://127.0.0.1:1"));
        assertEquals(0, r.exit(), r.output());
        assertTrue(
                r.output().contains("usage: kronforce agent") && r.output().contains("KRONFORCE_AGENT_KEY"),
                r.output());
        assertFalse(r.output().contains("cannot reach"), r.output());
    }

    @Test
    void workerHelpPrintsTheUsageAndExitsZero() throws Exception {
        Result r = run(WorkerMain.class, List.of("--help"), Map.of());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("usage: kronforce worker [--once]"), r.output());
    }

    @Test
    void anAgentThatCannotReachTheControllerSaysWhereAndWhatToCheck() throws Exception {
        int closed = closedPort();
        Result r = failed(AgentMain.class, Map.of("KRONFORCE_CONTROLLER_URL", "http://127.0.0.1:" + closed));
        assertTrue(
                r.output()
                        .contains("kronforce agent: cannot reach the controller at http://127.0.0.1:" + closed
                                + " (connection refused); check KRONFORCE_CONTROLLER_URL"),
                r.output());
    }

    @Test
    void aWorkerThatCannotReachTheControllerSaysWhereAndWhatToCheck() throws Exception {
        int closed = closedPort();
        Result r = failed(WorkerMain.class, Map.of("KRONFORCE_CONTROLLER_URL", "http://127.0.0.1:" + closed));
        assertTrue(
                r.output()
                        .contains("kronforce worker: cannot reach the controller at http://127.0.0.1:" + closed
                                + " (connection refused)"),
                r.output());
    }

    @Test
    void anAgentWhosePortIsTakenStopsNamingItsBindVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Result r = failed(AgentMain.class, Map.of("KRONFORCE_AGENT_BIND", "127.0.0.1:" + taken.getLocalPort()));
            assertTrue(
                    r.output()
                            .contains("kronforce agent: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                                    + " (KRONFORCE_AGENT_BIND)"),
                    r.output());
        }
    }

    @Test
    void anInvalidEgressListStopsTheAgentAndTheWorkerNamingIt() throws Exception {
        for (Class<?> main : List.of(AgentMain.class, WorkerMain.class)) {
            for (String bad : List.of("300.1.1.1/33", "bad host!")) {
                Result r = failed(main, Map.of("KRONFORCE_EGRESS_ALLOW", bad));
                assertTrue(r.output().contains(": KRONFORCE_EGRESS_ALLOW: "), r.output());
            }
        }
    }

    /** Runs {@code main}; asserts exit 1 and no stack trace. */
    private static Result failed(Class<?> main, Map<String, String> env) throws Exception {
        Result r = run(main, List.of(), env);
        assertEquals(1, r.exit(), r.output());
        assertFalse(r.output().contains("\tat ") || r.output().contains("Exception in thread"), r.output());
        return r;
    }

    private static Result run(Class<?> main, List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(name -> name.startsWith("KRONFORCE_"));
        pb.environment().put("KRONFORCE_CONTROLLER_URL", "http://127.0.0.1:" + closedPort());
        pb.environment().put("KRONFORCE_AGENT_BIND", "127.0.0.1:0");
        pb.environment().put("KRONFORCE_AGENT_ADDRESS", "127.0.0.1");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not finish: " + output);
        return new Result(p.exitValue(), output);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // nothing listens here once the socket is closed
        }
    }
}
