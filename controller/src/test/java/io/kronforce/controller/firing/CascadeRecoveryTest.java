package io.kronforce.controller.firing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.Jobs;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A crash between a success and the cascade it owes leaves the success marked due (written with
 * the success itself); the next start fires the dependents that hold no run of it, once. The
 * crash is reproduced exactly: the success and its mark are written into the file while the
 * controller is down, as the finish transaction writes them.
 */
class CascadeRecoveryTest extends ControllerPerTest {

    @Test
    void aSuccessWhoseCascadeACrashInterruptedFiresItsDependentsAtTheNextStart() {
        String parent = Api.createJob(tc, Jobs.shell("recovered-parent", "true"));
        String child = Api.createJob(tc, Jobs.shell("recovered-child", "true").dependsOn(parent));
        String lone = Api.createJob(tc, Jobs.shell("unrelated", "true"));
        String success = UUID.randomUUID().toString();

        tc.restartAt(() -> crashedAfterSuccess(parent, success));

        List<JsonNode> children = awaitRuns(child, 1);
        assertEquals(
                success,
                children.getFirst()
                        .path("triggered_by")
                        .path("parent_execution_id")
                        .asText());
        assertEquals(
                "succeeded",
                Api.awaitTerminal(tc, children.getFirst().path("id").asText(), Duration.ofSeconds(10))
                        .path("status")
                        .asText());
        assertEquals(0, runsOf(lone).size(), "a job that depends on nothing was fired");

        tc.restart(); // the mark is gone: a second start fires nothing more (recovery ends before start returns)
        assertEquals(1, runsOf(child).size(), () -> "the cascade fired again: " + runsOf(child));
    }

    @Test
    void aDependentThatAlreadyRanForTheSuccessIsNotFiredAgain() {
        String parent = Api.createJob(tc, Jobs.shell("done-parent", "true"));
        String child = Api.createJob(tc, Jobs.shell("done-child", "true").dependsOn(parent));
        String run = Api.trigger(tc, parent);
        Api.awaitTerminal(tc, run, Duration.ofSeconds(10));
        awaitRuns(child, 1);

        // The crash came after the child was fired but before the mark was cleared.
        tc.restartAt(() -> sql("INSERT INTO cascade_due(execution_id, created_at_ms) VALUES ('" + run + "', 1)"));

        assertEquals(1, runsOf(child).size(), () -> "the child ran twice for one success: " + runsOf(child));
        assertEquals(0L, count("SELECT count(*) FROM cascade_due"), "the mark was left behind");
    }

    /** What the finish transaction of a succeeded run of {@code parent} commits, and nothing after it. */
    private void crashedAfterSuccess(String parent, String executionId) {
        long now = System.currentTimeMillis();
        sql("INSERT INTO executions(id, job_id, task_snapshot_json, status, started_at_ms, finished_at_ms,"
                + " triggered_by_json, created_at_ms) VALUES ('" + executionId + "', '" + parent
                + "', '{\"type\":\"shell\",\"command\":\"true\"}', 'succeeded', " + (now - 20) + ", " + now
                + ", '{\"type\":\"api\"}', " + (now - 30) + ")");
        sql("INSERT INTO cascade_due(execution_id, created_at_ms) VALUES ('" + executionId + "', " + now + ")");
    }

    private void sql(String statement) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tc.dbFile());
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String query) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tc.dbFile());
                Statement s = c.createStatement();
                var rs = s.executeQuery(query)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> awaitRuns(String job, int n) {
        Awaitility.await("runs of " + job)
                .atMost(Duration.ofSeconds(10))
                .until(() -> runsOf(job).size() >= n);
        return runsOf(job);
    }

    private List<JsonNode> runsOf(String job) {
        List<JsonNode> out = new ArrayList<>();
        tc.get("/api/jobs/" + job + "/executions?per_page=100", Role.VIEWER)
                .json()
                .path("data")
                .forEach(out::add);
        return out;
    }
}
