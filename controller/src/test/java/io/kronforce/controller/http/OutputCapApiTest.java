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
        String job = Api.createJob(
                tc,
                Jobs.shell(
                        Jobs.uniqueName("chatty"),
                        "head -c 11534336 /dev/zero | tr '\\0' x; echo; echo the-last-line"));
        JsonNode run = Api.awaitStatus(tc, Api.trigger(tc, job), "succeeded", Duration.ofSeconds(60));

        String stdout = run.path("stdout").asText();
        assertTrue(run.path("stdout_truncated").asBoolean(), "stdout_truncated");
        // Printed: 11 MiB + "\n" + "the-last-line\n"; everything beyond the cap is dropped from the front.
        long dropped = 11L * 1024 * 1024 + 1 + "the-last-line\n".length() - CAP;
        String marker = "[...truncated " + dropped + " bytes...]\n";
        assertTrue(stdout.startsWith(marker), () -> "starts " + stdout.substring(0, Math.min(60, stdout.length())));
        String kept = stdout.substring(marker.length());
        assertEquals(CAP, kept.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(
                kept.endsWith("xxxx\nthe-last-line\n"),
                () -> "the tail is lost: …" + kept.substring(Math.max(0, kept.length() - 40)));
    }
}
