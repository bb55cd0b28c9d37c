package io.kronforce.controller.firing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.PageRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A scheduled run has no trigger body: it runs with the job's declared parameter defaults. */
class ScheduledParametersTest extends SchedulerRigTest {
    @Test
    void aScheduledSlotRunsWithTheDeclaredDefaults() {
        Job job = rig.create(
                "{'name':'minutely-deploy','task':{'type':'shell','command':'echo {{params.env}}'},"
                        + "'schedule':{'type':'cron','value':'0 * * * * *'},"
                        + "'parameters':[{'name':'env','param_type':'select','options':['staging','prod'],'default':'staging'}]}");
        rig.step();

        clock.set(Instant.parse("2026-03-01T10:01:00.020Z"));
        rig.step();

        Execution e = tdb.executionLists()
                .listForJob(job.id(), new PageRequest(1, 10))
                .data()
                .get(0);
        assertEquals("staging", e.params().path("env").asText());
        // The row keeps the task as written; every start of it fills the placeholders from these params.
        assertEquals("echo {{params.env}}", e.taskSnapshot().path("command").asText());
    }
}
