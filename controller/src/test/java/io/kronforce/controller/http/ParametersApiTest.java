package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import io.kronforce.controller.testing.TestController;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Declared job parameters over HTTP: checked when the job is saved and on every REST trigger. */
class ParametersApiTest extends SharedControllerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    static final String SCHEMA = "[{\"name\":\"env\",\"param_type\":\"select\",\"options\":[\"dev\",\"prod\"],"
            + "\"required\":true},{\"name\":\"count\",\"param_type\":\"number\",\"default\":\"3\"}]";

    /** A job echoing its two declared params; its id. */
    static String deployJob(TestController tc) {
        return Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("deploy"), "echo {{params.env}} {{params.count}}")
                        .with("parameters", json(SCHEMA)));
    }

    static JsonNode json(String text) {
        try {
            return TestController.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static long executionsOf(String jobId) {
        return tc.read("/api/jobs/" + jobId + "/executions").path("total").asLong();
    }

    @Test
    void aValidTriggerRunsWithTheDefaultsFilledIn() {
        String job = deployJob(tc);

        String id = Api.trigger(tc, job, Map.of("params", Map.of("env", "prod")));

        JsonNode e = Api.awaitStatus(tc, id, "succeeded", WAIT);
        assertEquals("prod 3\n", e.path("stdout").asText());
        assertEquals(3, e.path("params").path("count").asInt());
    }

    @Test
    void aViolationIsA400NamingTheParameterAndStoresNothing() {
        String job = deployJob(tc);
        long events = tc.read("/api/events?per_page=1").path("total").asLong();

        JsonNode missing = assertProblem(tc.post("/api/jobs/" + job + "/trigger", Role.OPERATOR, Map.of()), 400);
        JsonNode wrong = assertProblem(
                tc.post("/api/jobs/" + job + "/trigger", Role.OPERATOR, Map.of("params", Map.of("env", "staging"))),
                400);

        assertEquals("missing required parameter 'env'", missing.path("error").asText());
        assertEquals(
                "parameter 'env' must be one of dev, prod", wrong.path("error").asText());
        assertEquals("/params/env", wrong.path("errors").get(0).path("pointer").asText());
        assertEquals(0, executionsOf(job));
        assertEquals(events, tc.read("/api/events?per_page=1").path("total").asLong());
    }

    @Test
    void aMalformedDefinitionIsRefusedOnCreateAndOnUpdateAndNothingChanges() {
        String name = Jobs.uniqueName("bad-params");
        assertProblem(
                tc.post(
                        "/api/jobs",
                        Role.OPERATOR,
                        Jobs.shell(name, "true")
                                .with("parameters", json("[{\"name\":\"x\",\"param_type\":\"date\"}]"))
                                .json()),
                400);
        assertProblem(
                tc.post(
                        "/api/jobs",
                        Role.OPERATOR,
                        Jobs.shell(name, "true")
                                .with("parameters", json("[{\"name\":\"x\",\"required\":\"yes\"}]"))
                                .json()),
                422);
        assertEquals(0, tc.read("/api/jobs?search=" + name).path("total").asInt());

        String job = deployJob(tc);
        assertProblem(
                tc.put(
                        "/api/jobs/" + job,
                        Role.OPERATOR,
                        Map.of("parameters", json("[{\"name\":\"env\"},{\"name\":\"env\"}]"))),
                400);
        assertEquals(
                json(SCHEMA).get(0).path("options"),
                tc.read("/api/jobs/" + job).path("parameters").get(0).path("options"));
        assertEquals(1, tc.read("/api/jobs/" + job + "/versions").size());
    }
}
