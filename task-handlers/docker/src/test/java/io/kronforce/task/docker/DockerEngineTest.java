package io.kronforce.task.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real build where a docker engine answers; skipped, with the reason, where none does (as on these machines). */
class DockerEngineTest {

    @BeforeEach
    void needsAnEngine() {
        Assumptions.assumeTrue(engineAnswers(), "no docker engine: `docker info` failed, so the real build is skipped");
    }

    private static boolean engineAnswers() {
        try {
            Process p = new ProcessBuilder("docker", "info")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void buildsAnImageFromScratchAndRemovesIt() throws Exception {
        String tag = "kronforce-test/scratch:" + UUID.randomUUID();
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = new DockerBuildHandler()
                .run(
                        new DockerBuildTask(
                                null,
                                "FROM scratch\nLABEL org.kronforce.test=yes\n",
                                tag,
                                false,
                                "--label built-by=test",
                                null),
                        ctx);
        try {
            assertEquals(
                    TaskOutcome.Succeeded.withExitCode(0), outcome, ctx.output().stderrText());
            assertTrue((ctx.output().stdoutText() + ctx.output().stderrText()).contains("LABEL"));
        } finally {
            new ProcessBuilder("docker", "rmi", "-f", tag).start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
