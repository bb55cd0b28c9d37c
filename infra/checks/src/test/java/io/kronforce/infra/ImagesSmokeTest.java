package io.kronforce.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The image tars {@code ./kronforce image} builds, run without a container engine (see
 * {@link Container}): the controller becomes healthy as PID 1 and the image's user, its health-check
 * command answers, SIGTERM stops it with status 0; the worker image's {@code worker --once} claims a
 * queued shell run from it, runs it and exits 0, and its {@code agent} entry point registers as a
 * push agent that runs a pushed shell run. Start-to-healthy of the container (first start,
 * then with the class-data archive its first stop wrote) and of the same class path on the plain
 * JVM are written to target/image-start.txt ({@code -Dkf.bench.rounds=N} repeats them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImagesSmokeTest {
    private static final String ADMIN = "kf_image_smoke_admin_0123456789abcdef";
    private static final String AGENT = "kf_image_smoke_agent_0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, List<Long>> startMillis = new LinkedHashMap<>();
    private Path work;
    private ImageTar controller;
    private ImageTar worker;

    @BeforeAll
    void unpack() throws IOException {
        work = Path.of("target/image-smoke").toAbsolutePath();
        Command.run(Path.of("."), List.of("rm", "-rf", work.toString())).requireSuccess();
        controller = ImageTar.unpack(Repo.images().resolve("kronforce-controller.tar"), work.resolve("controller"));
        worker = ImageTar.unpack(Repo.images().resolve("kronforce-worker.tar"), work.resolve("worker"));
    }

    @Test
    @Order(1)
    void controllerImageStartsHealthyAsPid1AndStopsCleanlyOnSigterm() throws Exception {
        assertEquals("65532:65532", controller.user(), "the image runs as the non-root user");
        assertTrue(notBlank(controller.label("org.opencontainers.image.version")), "version label");
        assertTrue(notBlank(controller.label("org.opencontainers.image.revision")), "revision label");
        assertEquals("/data/kronforce.db", controller.env().get("KRONFORCE_DB"));
        int port = freePort();
        try (Container c =
                Container.start(controller, controllerEnv(port), List.of(), work.resolve("controller-1.log"))) {
            record("container, first start", awaitHealthy(c, port));
            ProcessHandle java = c.pid1().orElseThrow();
            assertEquals(1, Container.namespacePid(java), "the JVM is PID 1 of its namespace");
            assertTrue(
                    java.info().command().orElse("").endsWith("/java"),
                    java.info().toString());
            Command check = healthcheckInside(java, port);
            assertEquals(0, check.exit(), () -> "the image's health-check command while up: " + check.output());

            c.sigterm();
            assertEquals(0, c.awaitExit(60), () -> "exit status after SIGTERM; output:\n" + output(c));
            assertTrue(c.output().contains("shutdown complete"), c.output());
        }
        assertNotEquals(0, healthcheck(port).exit(), "the health-check command once stopped");
        assertTrue(
                Files.size(controller.rootfs.resolve("data/.kronforce-classes.jsa")) > 0,
                "class-data archive written to the volume at the first stop");
    }

    @Test
    @Order(2)
    void workerImageClaimsOneQueuedShellRunWithOnceAndExits() throws Exception {
        int port = freePort();
        try (Container c =
                Container.start(controller, controllerEnv(port), List.of(), work.resolve("controller-2.log"))) {
            record("container, later start (class-data archive)", awaitHealthy(c, port));
            JsonNode job = post(port, "/api/jobs", """
                    {"name":"from-the-worker-image","task":{"type":"shell","command":"echo ran in $(cat /etc/hostname 2>/dev/null || echo the image) as $(id -u)"},
                     "schedule":{"type":"on_demand"},"target":{"type":"tagged","tag":"image-smoke"}}""");
            String execution = post(port, "/api/jobs/" + job.get("id").asText() + "/trigger", "{}")
                    .get("execution_id")
                    .asText();

            Map<String, String> env = Map.of(
                    "KRONFORCE_CONTROLLER_URL",
                    "http://127.0.0.1:" + port,
                    "KRONFORCE_AGENT_KEY",
                    AGENT,
                    "KRONFORCE_AGENT_TAGS",
                    "image-smoke",
                    "KRONFORCE_AGENT_NAME",
                    "image-smoke-worker");
            try (Container w = Container.start(worker, env, List.of("worker", "--once"), work.resolve("worker.log"))) {
                assertEquals(0, w.awaitExit(120), () -> "worker --once exit; output:\n" + output(w));
            }
            JsonNode run = get(port, "/api/executions/" + execution);
            assertEquals("succeeded", run.get("status").asText(), run.toString());
            assertTrue(run.get("stdout").asText().contains("as 65532"), run.toString());

            // The same image's other entry point: a push agent the controller dials.
            Map<String, String> agentEnv = Map.of(
                    "KRONFORCE_CONTROLLER_URL",
                    "http://127.0.0.1:" + port,
                    "KRONFORCE_AGENT_KEY",
                    AGENT,
                    "KRONFORCE_AGENT_NAME",
                    "image-smoke-agent",
                    "KRONFORCE_AGENT_ADDRESS",
                    "127.0.0.1",
                    "KRONFORCE_AGENT_BIND",
                    "127.0.0.1:" + freePort());
            try (Container a = Container.start(worker, agentEnv, List.of("agent"), work.resolve("agent.log"))) {
                String agentId = awaitAgent(port, "image-smoke-agent", a);
                JsonNode pushed = post(port, "/api/jobs", """
                        {"name":"pushed-to-the-agent-image","task":{"type":"shell","command":"echo pushed"},
                         "schedule":{"type":"on_demand"},"target":{"type":"agent","agent_id":"%s"}}""".formatted(agentId));
                String pushedRun = post(port, "/api/jobs/" + pushed.get("id").asText() + "/trigger", "{}")
                        .get("execution_id")
                        .asText();
                JsonNode done = awaitFinished(port, pushedRun);
                assertEquals("succeeded", done.get("status").asText(), () -> done + "\n" + output(a));
                a.sigterm();
                assertEquals(143, a.awaitExit(60), () -> "the agent ends as a JVM stopped by SIGTERM:\n" + output(a));
            }
            c.sigterm();
            assertEquals(0, c.awaitExit(60), () -> output(c));
        }
    }

    @Test
    @Order(3)
    void plainJvmStartOfTheSameClassPathIsMeasuredBesideIt() throws Exception {
        int rounds = Integer.getInteger("kf.bench.rounds", 1);
        for (int round = 0; round < rounds; round++) {
            if (round > 0) {
                measureContainer();
            }
            record("plain JVM (host JDK, same class path)", measurePlain(round));
        }
        assertEquals(
                rounds, startMillis.get("plain JVM (host JDK, same class path)").size());
    }

    @AfterAll
    void writeFigures() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# start to healthy, ms (each start in this run, in order)");
        startMillis.forEach(
                (k, v) -> lines.add(k + ": " + v.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        lines.add("# image tar sizes, bytes (gzip layers) and unpacked root sizes");
        for (String name : List.of("controller", "worker")) {
            Path tar = Repo.images().resolve("kronforce-" + name + ".tar");
            lines.add(name + " tar: " + Files.size(tar));
            lines.add(name + " unpacked: "
                    + Command.run(
                                    work,
                                    List.of(
                                            "du",
                                            "-sb",
                                            "--exclude=proc",
                                            "--exclude=dev",
                                            work.resolve(name).resolve("rootfs").toString()))
                            .output()
                            .split("\\s")[0]);
        }
        Files.write(Path.of("target/image-start.txt"), lines);
        lines.forEach(System.out::println);
    }

    private void measureContainer() throws Exception {
        int port = freePort();
        try (Container c =
                Container.start(controller, controllerEnv(port), List.of(), work.resolve("controller-n.log"))) {
            record("container, later start (class-data archive)", awaitHealthy(c, port));
            c.sigterm();
            assertEquals(0, c.awaitExit(60), () -> output(c));
        }
    }

    /** The image's JVM flags without its archive, the host JDK, the image's jars, a fresh database. */
    private long measurePlain(int round) throws Exception {
        int port = freePort();
        Path db = Files.createDirectories(work.resolve("plain-" + round)).resolve("kronforce.db");
        Path app = controller.rootfs.resolve("app");
        String cp = Files.readString(app.resolve("jib-classpath-file")).trim().replace("/app/", app + "/");
        List<String> argv = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a :
                controller.entrypoint().subList(1, controller.entrypoint().size())) {
            if (a.startsWith("@")) {
                argv.add(cp);
            } else if (!a.contains("SharedArchive") && !a.startsWith("-Xlog:cds")) {
                argv.add(a);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("plain-" + round + ".log").toFile());
        pb.environment().putAll(controllerEnv(port));
        pb.environment().put("KRONFORCE_DB", db.toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            awaitHealthy(p::isAlive, port, t0);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            p.destroy();
            assertEquals(0, p.waitFor(), "plain JVM exit after SIGTERM");
            return ms;
        } finally {
            p.destroyForcibly();
        }
    }

    private Map<String, String> controllerEnv(int port) {
        return Map.of(
                "KRONFORCE_BIND",
                "127.0.0.1:" + port,
                "KRONFORCE_BOOTSTRAP_ADMIN_KEY",
                ADMIN,
                "KRONFORCE_BOOTSTRAP_AGENT_KEY",
                AGENT);
    }

    /** The image's health-check command run in the running container, as {@code docker exec} would. */
    private Command healthcheckInside(ProcessHandle pid1, int port) {
        return Command.run(
                work,
                List.of(
                        "env",
                        "-i",
                        "KRONFORCE_BIND=127.0.0.1:" + port,
                        "PATH=/usr/local/bin:/usr/bin:/bin",
                        "nsenter",
                        "--target",
                        Long.toString(pid1.pid()),
                        "--mount",
                        "--pid",
                        "--root",
                        "--wd",
                        "--setuid",
                        "65532",
                        "--setgid",
                        "65532",
                        "/usr/local/bin/kronforce-healthcheck"));
    }

    /** The image's health-check command in its root, with no container running. */
    private Command healthcheck(int port) {
        List<String> argv = new ArrayList<>(List.of(
                "env",
                "-i",
                "KRONFORCE_BIND=127.0.0.1:" + port,
                "PATH=/usr/local/bin:/usr/bin:/bin",
                "/usr/sbin/chroot",
                "--userspec=" + controller.user(),
                controller.rootfs.toString(),
                "/usr/local/bin/kronforce-healthcheck"));
        return Command.run(work, argv);
    }

    private long awaitHealthy(Container c, int port) throws Exception {
        return awaitHealthy(c::alive, port, c.startedNanos());
    }

    private long awaitHealthy(java.util.function.BooleanSupplier alive, int port, long t0) throws Exception {
        long deadline = t0 + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                throw new AssertionError("the controller exited before it was healthy");
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not healthy within 120 s");
    }

    private String awaitAgent(int port, String name, Container agent) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && agent.alive()) {
            for (JsonNode a : getAny(port, "/api/agents")) {
                if (a.path("name").asText().equals(name)
                        && a.path("status").asText().equals("online")) {
                    return a.get("id").asText();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the agent did not come online:\n" + output(agent));
    }

    private JsonNode awaitFinished(int port, String execution) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode run = get(port, "/api/executions/" + execution);
        while (System.nanoTime() < deadline
                && List.of("pending", "running", "queued")
                        .contains(run.get("status").asText())) {
            Thread.sleep(200);
            run = get(port, "/api/executions/" + execution);
        }
        return run;
    }

    private JsonNode getAny(int port, String path) throws Exception {
        JsonNode n = get(port, path);
        return n.isArray() ? n : n.path("agents");
    }

    private JsonNode post(int port, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() >= 200 && r.statusCode() <= 202, r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + ADMIN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private void record(String what, long ms) {
        startMillis.computeIfAbsent(what, k -> new ArrayList<>()).add(ms);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String output(Container c) {
        try {
            return c.output();
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
