package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The default output cap itself (10 MiB), end to end: a local run printing more keeps its tail. */
class OutputCapApiTest extends SharedControllerTest {
    private static final int CAP = 10 * 1024 * 1024;

    @Test
    void aRunPrintingMoreThanTenMebibytesKeepsTheTailAndIsMarkedTruncated() {
        // 11 MiB of 'x', then a last line that must survive.
        String job = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("chatty"),
                "head -c 11534336 /dev/zero | tr '\\0' x; echo; echo the-last-line"));
        JsonNode run = Api.awaitStatus(tc, Api.trigger(tc, job), "succeeded", Duration.ofSeconds(60));

        String stdout = run.path("stdout").asText();
        assertTrue(run.path("stdout_truncated").asBoolean(), "stdout_truncated");
        assertTrue(stdout.endsWith("x\nthe-last-line\n"), () -> "the tail is lost: …" + stdout.substring(
                Math.max(0, stdout.length() - 40)));
        int kept = stdout.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(kept <= CAP && kept > CAP - 1024, () -> kept + " bytes kept, cap " + CAP);
    }
}
