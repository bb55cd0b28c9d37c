package io.kronforce.task.docker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.BackgroundRun;
import io.kronforce.task.testkit.TestTaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler's process work (streaming, exit codes, clean-up, killing the tree) against a small
 * executable that stands in for the docker CLI: it records its arguments and the Dockerfile it
 * was pointed at, and behaves as the test asks. No engine runs here; DockerEngineTest uses one
 * where there is.
 */
class DockerBuildRunTest {
    private static final Duration GENEROUS = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    /** Writes a stand-in CLI whose body runs after it logged "$@" and the -f file's text. */
    private String cli(String body) throws IOException {
        Path script = dir.resolve("docker");
        Files.writeString(script, """
                #!/bin/sh
                echo "$*" >> "%1$s/calls"
                prev=""; for a in "$@"; do if [ "$prev" = "-f" ]; then cat "$a" >> "%1$s/dockerfiles"; echo "$a" >> "%1$s/paths"; fi; prev="$a"; done
                %2$s
                """.formatted(dir, body));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    @Test
    void buildsThenRunsStreamingOutputAndRemovesItsDirectory() throws Exception {
        DockerBuildHandler handler = new DockerBuildHandler(cli("echo \"step for $1\"; echo warn >&2"));
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = handler.run(
                new DockerBuildTask("api", "FROM scratch\nLABEL a=b\n", "team/api:1", true, "--no-cache", null), ctx);
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), outcome);
        assertEquals("step for build\nstep for run\n", ctx.output().stdoutText());
        assertEquals("warn\nwarn\n", ctx.output().stderrText());
        List<String> calls = Files.readAllLines(dir.resolve("calls"));
        assertTrue(calls.get(0).startsWith("build --progress=plain -t team/api:1 --no-cache -f "), calls.get(0));
        assertEquals("run --rm team/api:1", calls.get(1));
        assertEquals("FROM scratch\nLABEL a=b\n", Files.readString(dir.resolve("dockerfiles")));
        Path used = Path.of(Files.readAllLines(dir.resolve("paths")).get(0));
        assertTrue(used.getParent().getFileName().toString().startsWith("kf-docker-"), used.toString());
        assertFalse(Files.exists(used.getParent()), "the temporary build directory is removed");
    }

    @Test
    void aFailedBuildFailsWithItsStatusAndDoesNotRunTheImage() throws Exception {
        DockerBuildHandler handler = new DockerBuildHandler(cli("exit 7"));
        TaskOutcome outcome = handler.run(
                new DockerBuildTask("api", "FROM nowhere", null, true, null, null), TestTaskContext.plain());
        assertEquals(new TaskOutcome.Failed(7, "", true), outcome);
        assertEquals(1, Files.readAllLines(dir.resolve("calls")).size());
    }

    @Test
    void aMissingCliIsASpawnFailure() throws Exception {
        TaskOutcome outcome = new DockerBuildHandler(dir.resolve("no-docker").toString())
                .run(new DockerBuildTask("api", "FROM scratch", null, null, null, null), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(failed.reason().startsWith("failed to spawn process: "), failed.reason());
    }

    @Test
    void aTaskWithoutItsDockerfileTextFailsWithoutCallingDocker() throws Exception {
        TaskOutcome outcome = new DockerBuildHandler(cli("exit 0"))
                .run(new DockerBuildTask("api", null, null, null, null, null), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(failed.reason().contains("'api' has no text"), failed.reason());
        assertFalse(Files.exists(dir.resolve("calls")));
    }

    @Test
    void anInterruptKillsTheCliProcessTreeAndCleansUp() throws Exception {
        DockerBuildHandler handler = new DockerBuildHandler(
                cli("sleep 60 & echo $! >> " + dir + "/pids; echo $$ >> " + dir + "/pids; echo building; wait"));
        TestTaskContext ctx = TestTaskContext.plain();
        BackgroundRun run = BackgroundRun.start(
                () -> handler.run(new DockerBuildTask("api", "FROM scratch", null, null, null, null), ctx));
        await().atMost(GENEROUS).until(() -> ctx.output().stdoutText().equals("building\n"));
        List<Long> pids = Files.readAllLines(dir.resolve("pids")).stream()
                .map(Long::parseLong)
                .toList();
        run.interrupt();
        assertTrue(run.finishes(GENEROUS), "the run did not stop");
        assertInstanceOf(InterruptedException.class, run.result());
        await().atMost(GENEROUS).until(() -> pids.stream().noneMatch(DockerBuildRunTest::alive));
        Path used = Path.of(Files.readAllLines(dir.resolve("paths")).get(0));
        assertFalse(Files.exists(used.getParent()), "the temporary build directory is removed after a cancel too");
    }

    private static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z"); // a zombie was killed already
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }
}
