package io.kronforce.controller.firing;

import static io.kronforce.controller.firing.SchedulerRig.job;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.executions.RetryPlan;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Retries with backoff that live in the database (docs/reference/scheduling.md#retries; upstream sleeps in memory and
 * forgets on restart).
 */
class RetriesTest extends SchedulerRigTest {
    private static final String FAILING = "{'type':'on_demand'}";

    private Job failingJob(String name, String retry) {
        return rig.create("{'name':'" + name + "','task':{'type':'shell','command':'echo boom >&2; exit 3'},"
                + "'schedule':" + FAILING + "," + retry + "}");
    }

    /** The job's executions, oldest first, once {@code count} of them have finished. */
    private List<Execution> finished(String jobId, int count) {
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        tdb.countWhere("executions", "job_id='" + jobId + "' AND finished_at_ms IS NOT NULL") >= count);
        return tdb.executionLists().listForJob(jobId, new PageRequest(1, 100)).data().stream()
                .sorted(Comparator.comparingLong(Execution::createdAtMs).thenComparing(Execution::attemptNumber))
                .toList();
    }

    private long plannedRetries(String jobId) {
        return tdb.countWhere("retry_queue", "job_id='" + jobId + "'");
    }

    private long dueOf(String failedId) {
        return tdb.db().read(c -> {
            try (var s = c.prepareStatement("SELECT due_ms FROM retry_queue WHERE failed_execution_id=?")) {
                s.setString(1, failedId);
                var rs = s.executeQuery();
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aFailedRunIsRetriedWithExponentialBackoffUntilTheAttemptsRunOut() {
        Job job = failingJob("flaky", "'retry_max':2,'retry_delay_secs':10,'retry_backoff':2.0");
        String first = rig.control.trigger(Principal.SYSTEM, job.id(), null, false);
        List<Execution> runs = finished(job.id(), 1);
        assertEquals(ExecutionStatus.FAILED, runs.get(0).status());
        long failedAt = runs.get(0).finishedAtMs();
        assertEquals(failedAt + 20_000, dueOf(first)); // attempt 2 waits delay × backoff^1

        clock.advance(Duration.ofSeconds(19));
        assertEquals(0, rig.stepRetries(), "nothing before the due time");
        assertEquals(1, rig.executionsOf(job.id()));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, rig.stepRetries());
        runs = finished(job.id(), 2);
        Execution second = runs.get(1);
        assertEquals(2, second.attemptNumber());
        assertEquals(first, second.retryOf());
        assertEquals("retry", second.triggeredBy().path("type").asText());
        assertEquals(first, second.triggeredBy().path("original_execution_id").asText());
        assertEquals(second.finishedAtMs() + 40_000, dueOf(second.id())); // attempt 3 waits delay × backoff^2

        clock.advance(Duration.ofSeconds(40));
        rig.stepRetries();
        runs = finished(job.id(), 3);
        assertEquals(3, runs.get(2).attemptNumber());
        assertEquals(first, runs.get(2).retryOf());
        assertEquals(0, plannedRetries(job.id()), "retry_max 2 means three runs in all");
        assertEquals(
                1,
                tdb.countWhere(
                        "events",
                        "kind='execution.retries_exhausted' AND execution_id='"
                                + runs.get(2).id() + "'"));
        assertEquals(2, tdb.countWhere("events", "kind='execution.retry_scheduled' AND job_id='" + job.id() + "'"));
    }

    @Test
    void aPlannedRetrySurvivesARestart() {
        Job job = failingJob("restarted", "'retry_max':1,'retry_delay_secs':300");
        String first = rig.control.trigger(Principal.SYSTEM, job.id(), null, false);
        finished(job.id(), 1);
        assertEquals(1, plannedRetries(job.id()));

        rig.close();
        tdb = tdb.reopen();
        clock.advance(Duration.ofMinutes(10)); // down past the due time
        rig = new SchedulerRig(tdb, clock);
        assertEquals(1, rig.stepRetries());

        List<Execution> runs = finished(job.id(), 2);
        assertEquals(2, runs.get(1).attemptNumber());
        assertEquals(first, runs.get(1).retryOf());
        assertEquals(0, plannedRetries(job.id()));
        assertEquals(0, rig.stepRetries(), "fired once, not again");
        assertEquals(2, rig.executionsOf(job.id()));
    }

    @Test
    void aSuccessIsNotRetriedAndAnAssertionFailureIs() {
        Job ok = rig.create(job("fine", FAILING, "'retry_max':3"));
        rig.control.trigger(Principal.SYSTEM, ok.id(), null, false);
        assertEquals(ExecutionStatus.SUCCEEDED, finished(ok.id(), 1).get(0).status());
        assertEquals(0, plannedRetries(ok.id()));

        // Exit code 0, but the output rules' assertion fails it, before retries are decided.
        Job asserted = rig.create("{'name':'asserted','task':{'type':'shell','command':'echo status=bad'},"
                + "'schedule':" + FAILING + ",'retry_max':1,'retry_delay_secs':5,"
                + "'output_rules':{'assertions':[{'pattern':'status=ok','message':'not ok'}]}}");
        String id = rig.control.trigger(Principal.SYSTEM, asserted.id(), null, false);
        Execution failed = finished(asserted.id(), 1).get(0);
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals(1, plannedRetries(asserted.id()));
        assertEquals(failed.finishedAtMs() + 5_000, dueOf(id));
    }

    @Test
    void cancellingAFailedRunDropsItsPlannedRetry() {
        Job job = failingJob("dropped", "'retry_max':5,'retry_delay_secs':60");
        String first = rig.control.trigger(Principal.SYSTEM, job.id(), null, false);
        finished(job.id(), 1);
        assertEquals(1, plannedRetries(job.id()));

        rig.control.cancel(Principal.SYSTEM, first);
        assertEquals(0, plannedRetries(job.id()));
        clock.advance(Duration.ofMinutes(5));
        rig.stepRetries();
        assertEquals(1, rig.executionsOf(job.id()));
        assertNull(tdb.executions().findById(first).orElseThrow().retryOf());
    }

    @Test
    void theDelayIsCappedAtAnHour() {
        Job job = rig.create(job("capped", FAILING, "'retry_max':3,'retry_delay_secs':3000,'retry_backoff':10"));
        assertEquals(3_600_000, RetryPlan.delayMs(job, 2));
        Job quick = rig.create(job("quick", FAILING, "'retry_max':3,'retry_delay_secs':5,'retry_backoff':1.5"));
        assertEquals(7_500, RetryPlan.delayMs(quick, 2));
        assertEquals(11_250, RetryPlan.delayMs(quick, 3));
    }
}
