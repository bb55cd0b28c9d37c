package io.kronforce.controller.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
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
 * How the result callback answers what upstream's push agent posts, which retries every answer
 * that is not a 2xx: a repeat of a recorded result, a different one, and one for a cancelled run.
 * (A result from a superseded lease is in {@link LeaseExpiryTest}: only pull claims are superseded.)
 */
class UpstreamAgentResultsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    TestController tc;
    UpstreamPushAgent agent;

    @BeforeEach
    void start() throws Exception {
        tc = TestController.start(dir, Map.of("KRONFORCE_ENCRYPTION_KEY", "results-passphrase"));
        agent = UpstreamPushAgent.start(
                tc.uri("").toString(), tc.key(Role.AGENT), "upstream-results", List.of(), Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        agent.close();
        tc.close();
    }

    private String job(String command) {
        return Api.createJob(tc, agent.job(command));
    }

    private String finishedRun() {
        String execution = Api.trigger(tc, job("echo once"));
        JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
        assertEquals("succeeded", row.path("status").asText(), row::toString);
        await().atMost(WAIT).until(() -> agent.deliveriesOf(execution).size() == 1);
        assertEquals(200, agent.deliveriesOf(execution).getFirst().status());
        return execution;
    }

    private long completions(String execution) {
        long n = 0;
        for (JsonNode e :
                tc.read("/api/events?kind=execution.completed&per_page=100").path("data")) {
            n += execution.equals(e.path("execution_id").asText()) ? 1 : 0;
        }
        return n;
    }

    @Test
    void aRepeatOfTheRecordedResultIsAnswered200AndChangesNothing() {
        String execution = finishedRun();
        JsonNode before = tc.read("/api/executions/" + execution);
        assertEquals(1, completions(execution));

        // The agent did not get the first answer and posts exactly the same result again.
        UpstreamPushAgent.Delivery again = agent.post(agent.callbackUrl(execution), agent.reports.get(execution));

        assertEquals(200, again.status(), again::toString);
        assertEquals("ok", parse(again.body()).path("status").asText());
        assertEquals(before, tc.read("/api/executions/" + execution));
        assertEquals(1, completions(execution), "no second execution.completed");
    }

    @Test
    void aDifferentResultForAFinishedRunIsRefusedAndChangesNothing() {
        String execution = finishedRun();
        JsonNode before = tc.read("/api/executions/" + execution);
        ObjectNode other = agent.reports.get(execution).deepCopy().put("stdout", "something else\n");

        UpstreamPushAgent.Delivery d = agent.post(agent.callbackUrl(execution), other);

        assertEquals(409, d.status(), d::toString);
        assertTrue(d.body().contains("already finished with a different result"), d::toString);
        assertEquals(before, tc.read("/api/executions/" + execution));
        // A different status is as different.
        ObjectNode failed = agent.reports.get(execution).deepCopy().put("status", "failed");
        assertEquals(409, agent.post(agent.callbackUrl(execution), failed).status());
        assertEquals(before, tc.read("/api/executions/" + execution));
    }

    @Test
    void theResultOfACancelledRunIsTakenOnceWithoutRetriesAndNotRecorded() throws Exception {
        String execution = Api.trigger(tc, job("hold"));
        Api.awaitStatus(tc, execution, "running", WAIT);
        await().atMost(WAIT).until(() -> !agent.dispatches.isEmpty());
        assertTrue(tc.post("/api/executions/" + execution + "/cancel", Role.OPERATOR, null)
                        .status()
                < 300);
        JsonNode cancelled = tc.read("/api/executions/" + execution);
        assertEquals("cancelled", cancelled.path("status").asText());

        // The agent is told to stop and posts its "cancelled" result: a 2xx, so it does not retry.
        await().atMost(WAIT).until(() -> !agent.deliveriesOf(execution).isEmpty());
        UpstreamPushAgent.Delivery d = agent.deliveriesOf(execution).getFirst();
        assertEquals(200, d.status(), d::toString);
        JsonNode answer = parse(d.body());
        assertEquals("ignored", answer.path("status").asText(), d::toString);
        Thread.sleep(500); // longer than the agent's first two back-offs (100 and 200 ms here)
        assertEquals(1, agent.deliveriesOf(execution).size(), agent.deliveries::toString);
        assertEquals(cancelled, tc.read("/api/executions/" + execution));

        // The same result again is answered alike; nothing changes either.
        assertEquals(
                200,
                agent.post(agent.callbackUrl(execution), agent.reports.get(execution))
                        .status());
        assertEquals(cancelled, tc.read("/api/executions/" + execution));
    }

    private static JsonNode parse(String body) {
        try {
            return TestController.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }
}
