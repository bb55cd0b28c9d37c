package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import io.kronforce.controller.testing.TestController;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A key's {@code allowed_groups} as the REST API enforces it (docs/SECURITY.md#group-scoping). */
class GroupScopingApiTest extends SharedControllerTest {

    private static TestController.Response as(String key, String method, String path, Object body) {
        return tc.send(method, path, key, body == null ? null : TestController.JSON_TYPE, body);
    }

    private static String group(String prefix) {
        return Jobs.uniqueName(prefix).replace('.', '-');
    }

    @Test
    void aScopedKeyCanNoLongerListTriggerEditOrReadTheRunsOfAnotherGroupsJobs() {
        String mine = group("b");
        String theirs = group("a");
        String key = tc.createKey(Jobs.uniqueName("scoped"), Role.OPERATOR, List.of(mine));
        String theirJob = Api.createJob(
                tc, Jobs.shell(Jobs.uniqueName("theirs"), "echo theirs").group(theirs));
        String theirRun = Api.trigger(tc, theirJob);
        Api.awaitTerminal(tc, theirRun, Duration.ofSeconds(20));

        JsonNode listed = as(key, "GET", "/api/jobs?per_page=100", null).json();
        assertFalse(listed.toString().contains(theirJob), listed::toString);
        Api.assertProblem(as(key, "GET", "/api/jobs/" + theirJob, null), 404);
        Api.assertProblem(as(key, "POST", "/api/jobs/" + theirJob + "/trigger", Map.of()), 404);
        Api.assertProblem(as(key, "PUT", "/api/jobs/" + theirJob, Map.of("description", "mine now")), 404);
        Api.assertProblem(as(key, "GET", "/api/executions/" + theirRun, null), 404);
        JsonNode runs = as(key, "GET", "/api/executions?per_page=100", null).json();
        assertFalse(runs.toString().contains(theirRun), runs::toString);
        JsonNode events = as(key, "GET", "/api/events?per_page=100", null).json();
        assertFalse(events.toString().contains(theirJob), events::toString);
        assertEquals(
                1,
                tc.read("/api/jobs/" + theirJob + "/executions").path("total").asInt());
    }

    @Test
    void aScopedKeyCannotWatchOrCancelAnotherGroupsRunningJob() {
        String theirJob =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("long"), "sleep 5").group(group("a")));
        String run = Api.trigger(tc, theirJob);
        Api.awaitStatus(tc, run, "running", Duration.ofSeconds(10));
        String key = tc.createKey(Jobs.uniqueName("scoped"), Role.OPERATOR, List.of(group("b")));
        Api.assertProblem(tc.open("/api/executions/" + run + "/stream", key), 404);
        Api.assertProblem(as(key, "POST", "/api/executions/" + run + "/stream-ticket", null), 404);
        Api.assertProblem(as(key, "POST", "/api/executions/" + run + "/cancel", null), 404);
        assertEquals(
                200,
                tc.open("/api/executions/" + run + "/stream", tc.key(Role.VIEWER))
                        .status());
        assertEquals("running", tc.read("/api/executions/" + run).path("status").asText());
    }

    @Test
    void aScopedKeyMayNotCreateAJobInAnotherGroupNorMoveItsJobThere() {
        String mine = group("b");
        String key = tc.createKey(Jobs.uniqueName("scoped"), Role.OPERATOR, List.of(mine));
        JsonNode refused = Api.assertProblem(
                as(
                        key,
                        "POST",
                        "/api/jobs",
                        Jobs.shell(Jobs.uniqueName("x"), "true")
                                .group(group("a"))
                                .json()),
                403);
        assertTrue(refused.path("error").asText().contains("may not use group"), refused::toString);
        TestController.Response created = as(
                key,
                "POST",
                "/api/jobs",
                Jobs.shell(Jobs.uniqueName("x"), "true").group(mine).json());
        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        Api.assertProblem(as(key, "PUT", "/api/jobs/" + id, Map.of("group", group("a"))), 403);
        Api.assertProblem(as(key, "PUT", "/api/jobs/bulk-group", Map.of("job_ids", List.of(id), "group", "x")), 403);
        Api.assertProblem(as(key, "PUT", "/api/jobs/rename-group", Map.of("old_name", mine, "new_name", "x")), 403);
        assertEquals(mine, tc.read("/api/jobs/" + id).path("group").asText());
    }

    @Test
    void aJobWithoutAGroupIsHiddenFromAScopedKeyUnlessItsListNamesDefault() {
        String ungrouped = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("ungrouped"), "true"));
        assertEquals("Default", tc.read("/api/jobs/" + ungrouped).path("group").asText());
        String teamKey = tc.createKey(Jobs.uniqueName("team"), Role.VIEWER, List.of(group("b")));
        Api.assertProblem(as(teamKey, "GET", "/api/jobs/" + ungrouped, null), 404);
        String defaultKey = tc.createKey(Jobs.uniqueName("default"), Role.VIEWER, List.of("Default"));
        assertEquals(200, as(defaultKey, "GET", "/api/jobs/" + ungrouped, null).status());
        assertEquals(
                List.of("Default"),
                names(as(defaultKey, "GET", "/api/jobs/groups", null).json()));
    }

    @Test
    void anUnscopedKeyStillSeesEveryGroup() {
        String a = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("a"), "true").group(group("a")));
        String b = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("b"), "true").group(group("b")));
        String key = tc.createKey(Jobs.uniqueName("everything"), Role.VIEWER, List.of());
        assertEquals(200, as(key, "GET", "/api/jobs/" + a, null).status());
        assertEquals(200, as(key, "GET", "/api/jobs/" + b, null).status());
        assertEquals(200, as(key, "GET", "/api/settings", null).status());
    }

    @Test
    void aScopedKeyCannotMakeItsJobDependOnAnotherGroupsJob() {
        String mine = group("b");
        String theirJob =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("theirs"), "true").group(group("a")));
        String key = tc.createKey(Jobs.uniqueName("scoped"), Role.OPERATOR, List.of(mine));
        JsonNode refused = Api.assertProblem(
                as(
                        key,
                        "POST",
                        "/api/jobs",
                        Jobs.shell(Jobs.uniqueName("x"), "true")
                                .group(mine)
                                .dependsOn(theirJob)
                                .json()),
                400);
        assertTrue(refused.toString().contains("not found"), refused::toString);
    }

    @Test
    void sharedResourcesAreReadOnlyAndControllerWideRoutesClosedToAScopedKey() {
        String key = tc.createKey(Jobs.uniqueName("scoped-admin"), Role.ADMIN, List.of(group("b")));
        assertEquals(200, as(key, "GET", "/api/variables", null).status());
        Api.assertProblem(as(key, "POST", "/api/variables", Map.of("name", "SCOPED_X", "value", "v")), 403);
        Api.assertProblem(as(key, "GET", "/api/keys", null), 403);
        Api.assertProblem(as(key, "GET", "/api/settings", null), 403);
        Api.assertProblem(as(key, "GET", "/api/data/export", null), 403);
    }

    @Test
    void theDashboardCountsOfAScopedKeyCountOnlyItsGroupsRuns() {
        String mine = group("b");
        String job =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("counted"), "true").group(mine));
        Api.awaitStatus(tc, Api.trigger(tc, job), "succeeded", Duration.ofSeconds(20));
        String other = Api.createJob(
                tc, Jobs.shell(Jobs.uniqueName("uncounted"), "true").group(group("a")));
        Api.awaitStatus(tc, Api.trigger(tc, other), "succeeded", Duration.ofSeconds(20));
        String key = tc.createKey(Jobs.uniqueName("scoped"), Role.VIEWER, List.of(mine));
        JsonNode charts = as(key, "GET", "/api/stats/charts", null).json();
        assertEquals(1, sum(charts.path("execution_outcomes")), charts::toString);
        assertEquals(1, sum(charts.path("task_types")), charts::toString);
        assertEquals(1, sum(charts.path("schedule_types")), charts::toString);
        JsonNode timeline = as(key, "GET", "/api/timeline?minutes=60", null).json();
        long runs = 0;
        for (JsonNode b : timeline) {
            runs += b.path("succeeded").asLong()
                    + b.path("failed").asLong()
                    + b.path("other").asLong();
        }
        assertEquals(1, runs, timeline::toString);
    }

    private static long sum(JsonNode counts) {
        long n = 0;
        for (JsonNode v : counts) {
            n += v.asLong();
        }
        return n;
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
