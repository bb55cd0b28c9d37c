package io.kronforce.controller.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats renew a claim's one-second lease. The controller runs on a stepped clock and the test
 * drives the sweep itself, so a busy machine cannot make a lease run out between two heartbeats.
 */
class LeaseRenewalTest {
    @TempDir
    Path dir;

    final MutableInstantSource clock = MutableInstantSource.at("2026-03-02T10:00:00Z");
    TestController tc;

    @BeforeEach
    void start() {
        tc = TestController.start(
                dir, Map.of("KRONFORCE_QUEUE_LEASE_SECS", "1", "KRONFORCE_HEARTBEAT_TIMEOUT_SECS", "2"), clock);
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    @Test
    void heartbeatsNamingTheExecutionKeepTheClaim() {
        String agent = PullAgents.register(tc, "steady", List.of());
        String execution = Api.trigger(tc, PullAgents.jobFor(tc, agent));
        JsonNode item = PullAgents.next(tc, agent, 5).json();
        // Steps shorter than the lease: the background sweep, wherever it runs, never sees it expired.
        for (int step = 0; step < 5; step++) { // 4 s in all: four leases' worth
            clock.advance(Duration.ofMillis(800));
            assertEquals(
                    200,
                    tc.post(
                                    "/api/agents/" + agent + "/heartbeat",
                                    Role.AGENT,
                                    Map.of("agent_id", agent, "running_executions", List.of(execution)))
                            .status());
            tc.parts().workers().sweep().runOnce();
            assertEquals(204, PullAgents.next(tc, agent, 0).status(), "the held item must not come back");
        }

        // One lease without a heartbeat and the same sweep hands the item out again.
        clock.advance(Duration.ofMillis(1_100));
        tc.parts().workers().sweep().runOnce();
        TestController.Response again = PullAgents.next(tc, agent, 0);
        assertEquals(200, again.status(), again::toString);
        assertEquals(execution, again.json().path("execution_id").asText());
        assertEquals(2, again.json().path("attempt").asInt());
        assertEquals(409, PullAgents.report(tc, item, "succeeded", "kept").status(), "the first claim is stale now");
    }
}
