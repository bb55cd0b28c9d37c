package io.kronforce.controller.executions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run this controller starts at once is stored {@code running} with its admission, so it costs two
 * writes — admission and finish — and its recorded start is the moment its task body began. When
 * every local slot is busy it waits {@code pending} and is marked running when a slot frees.
 */
class RunWritesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    TestController tc;

    @AfterEach
    void stop() {
        if (tc != null) {
            tc.close();
        }
    }

    @Test
    void aRunWithAFreeSlotCostsTwoWrites() {
        tc = TestController.start(dir);
        String job = Api.createJob(tc, Jobs.shell("quick", "true"));
        Database db = tc.parts().db();
        long before = quietWriteCount(db);

        String id = tc.parts().executions().trigger(Principal.SYSTEM, job, null, false);
        // Watched in-process: a request with a key would add the key's last-used write.
        Awaitility.await("the run succeeds")
                .atMost(WAIT)
                .until(() -> tc.parts().executions().require(id).status() == ExecutionStatus.SUCCEEDED);

        assertEquals(2, quietWriteCount(db) - before, "writes for one triggered run");
    }

    @Test
    void aRunWithAFreeSlotIsRunningAsSoonAsItIsAcknowledged() {
        tc = TestController.start(dir);
        String job = Api.createJob(tc, Jobs.shell("slow", "sleep 3"));

        String id = tc.post("/api/jobs/" + job + "/trigger", Role.OPERATOR, null)
                .json()
                .path("execution_id")
                .asText();
        JsonNode admitted = tc.read("/api/executions/" + id);
        assertEquals("running", admitted.path("status").asText(), admitted::toString);

        JsonNode done = Api.awaitStatus(tc, id, "succeeded", WAIT);
        OffsetDateTime created = OffsetDateTime.parse(done.path("created_at").asText());
        OffsetDateTime started = OffsetDateTime.parse(done.path("started_at").asText());
        OffsetDateTime finished = OffsetDateTime.parse(done.path("finished_at").asText());
        assertTrue(!started.isBefore(created) && !finished.isBefore(started), done::toString);
        // The task slept 3 s: the recorded start is the body's, not a later or earlier moment.
        assertTrue(Duration.between(started, finished).toMillis() >= 2_900, done::toString);
    }

    @Test
    void aRunWithEverySlotBusyWaitsPendingThenRuns() {
        tc = TestController.start(dir, Map.of("KRONFORCE_LOCAL_WORKERS", "1"));
        String slow = Api.createJob(tc, Jobs.shell("holder", "sleep 2"));
        String quick = Api.createJob(tc, Jobs.shell("waiter", "echo done"));

        String holding = tc.parts().executions().trigger(Principal.SYSTEM, slow, null, false);
        String waiting = tc.parts().executions().trigger(Principal.SYSTEM, quick, null, false);

        assertEquals(
                "running", tc.read("/api/executions/" + holding).path("status").asText());
        assertEquals(
                "pending", tc.read("/api/executions/" + waiting).path("status").asText());
        JsonNode done = Api.awaitStatus(tc, waiting, "succeeded", WAIT);
        assertEquals("done\n", done.path("stdout").asText());
        assertTrue(done.path("started_at").isTextual(), done::toString);
    }

    /** The write count once no write has happened for half a second (start-up work settled). */
    private static long quietWriteCount(Database db) {
        long[] last = {db.writeCount(), System.nanoTime()};
        Awaitility.await("writes settle")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long now = db.writeCount();
                    if (now != last[0]) {
                        last[0] = now;
                        last[1] = System.nanoTime();
                        return false;
                    }
                    return System.nanoTime() - last[1] >= Duration.ofMillis(500).toNanos();
                });
        return last[0];
    }
}
