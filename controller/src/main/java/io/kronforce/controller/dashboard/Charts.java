package io.kronforce.controller.dashboard;

import io.kronforce.controller.domain.DisplayLabels;
import io.kronforce.controller.domain.GroupScope;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.store.DashboardStore;
import io.kronforce.controller.store.ExecutionQueryStore;
import io.kronforce.controller.store.JobStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's three donuts with upstream's human labels: executions by outcome, jobs by task
 * type, jobs by schedule kind. Kinds upstream has no label for keep their wire name.
 */
public final class Charts {
    /** Counts by label, in a stable order. */
    public record Counts(
            Map<String, Long> executionOutcomes, Map<String, Long> taskTypes, Map<String, Long> scheduleTypes) {}

    private static final Map<String, String> SCHEDULES =
            Map.of("cron", "Cron Schedule", "on_demand", "On Demand", "one_shot", "One-Time", "event", "Event Trigger");

    private final ExecutionQueryStore executions;
    private final JobStore jobs;
    private final DashboardStore dashboard;

    public Charts(ExecutionQueryStore executions, JobStore jobs, DashboardStore dashboard) {
        this.executions = executions;
        this.jobs = jobs;
        this.dashboard = dashboard;
    }

    /** The counts of the jobs {@code who} may see, and their runs. */
    public Counts counts(Principal who) {
        GroupScope scope = who.scope();
        return new Counts(
                labelled(executions.countByStatus(scope), DisplayLabels.STATUSES),
                labelled(jobs.countByTaskType(scope), DisplayLabels.TASK_TYPES),
                labelled(dashboard.jobsByScheduleKind(scope), SCHEDULES));
    }

    private static Map<String, Long> labelled(Map<String, Long> raw, Map<String, String> labels) {
        Map<String, Long> out = new LinkedHashMap<>();
        raw.forEach((k, n) ->
                out.merge(k == null || k.equals("null") ? "Unknown" : labels.getOrDefault(k, k), n, Long::sum));
        return out;
    }
}
