package io.kronforce.task.script;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.testkit.BackgroundRun;
import io.kronforce.task.testkit.TestTaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** shell_exec under cancel and deadline: the whole process tree dies, and the run stops. */
class ShellExecCancelTest {
    private static final Duration GENEROUS = Duration.ofSeconds(15);

    @Test
    void anInterruptKillsTheProcessTreeOfShellExec(@TempDir Path dir) throws Exception {
        Path pids = dir.resolve("pids");
        String command = "sleep 60 & echo $! >> " + pids + "; sh -c 'sleep 60 & echo $! >> " + pids
                + "; wait' & echo $$ >> " + pids + "; wait";
        BackgroundRun run = BackgroundRun.start(() -> Scripts.handler()
                .run(Scripts.inline("shell_exec(\"" + command.replace("\"", "\\\"") + "\")"), TestTaskContext.plain()));
        await().atMost(GENEROUS).until(() -> lines(pids).size() == 3);
        List<Long> tree = lines(pids).stream().map(Long::parseLong).toList();
        run.interrupt();
        assertTrue(run.finishes(GENEROUS), "the run did not stop");
        assertInstanceOf(InterruptedException.class, run.result());
        await().atMost(GENEROUS).until(() -> tree.stream().noneMatch(ShellExecCancelTest::alive));
    }

    @Test
    void theDeadlineKillsALongShellExec() throws Exception {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(500));
        BackgroundRun run = BackgroundRun.start(() -> Scripts.run(Scripts.handler(), "shell_exec('sleep 60')", ctx));
        assertTrue(run.finishes(GENEROUS), "the run did not stop at its deadline");
        assertInstanceOf(InterruptedException.class, run.result());
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file)
                ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
                : List.of();
    }

    /** A zombie counts as dead: it was killed and only waits to be reaped by its new parent. */
    private static boolean alive(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException | RuntimeException gone) {
                return false;
            }
        }
        return false;
    }
}
