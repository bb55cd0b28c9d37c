package io.kronforce.controller.mcp;

import static io.kronforce.controller.mcp.Schemas.object;
import static io.kronforce.controller.mcp.Schemas.prop;
import static io.kronforce.controller.mcp.Schemas.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.listing.JobVersion;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.jobs.JobCatalog;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code explain_failure}: the evidence an assistant needs to say why a run failed — the failing
 * run's output tail, the last successful run before it, and the job's versions saved in between
 * with the fields each one changed. It reports facts; the reasoning is the caller's.
 */
final class FailureExplainer {
    /** How far back a job's runs are searched for the failure and the success before it. */
    static final int HISTORY = PageRequest.MAX_PER_PAGE;

    private static final int TAIL_LINES = 40;
    private static final Set<ExecutionStatus> FAILED = Set.of(ExecutionStatus.FAILED, ExecutionStatus.TIMED_OUT);

    private final JobCatalog jobs;
    private final ExecutionControl executions;

    FailureExplainer(JobCatalog jobs, ExecutionControl executions) {
        this.jobs = jobs;
        this.executions = executions;
    }

    ObjectNode explain(Principal who, Args a) {
        Execution failed =
                a.text("execution_id").map(id -> executions.require(who, id)).orElseGet(() -> latestFailure(who, a));
        List<Execution> history = executions
                .listForJob(who, failed.jobId(), new PageRequest(1, HISTORY))
                .data();
        Optional<Execution> lastGood = history.stream()
                .filter(e -> e.status() == ExecutionStatus.SUCCEEDED && e.createdAtMs() < failed.createdAtMs())
                .findFirst();
        ObjectNode out = Rpc.object();
        out.set("execution", run(failed, true));
        out.set("last_success", lastGood.map(e -> (JsonNode) run(e, false)).orElse(null));
        long since = lastGood.map(Execution::createdAtMs).orElse(Long.MIN_VALUE);
        ArrayNode changes = out.putArray("changes_since_last_success");
        List<JobVersion> versions =
                jobs.find(who, failed.jobId()).isPresent() ? jobs.versions(who, failed.jobId()) : List.of();
        List<JobVersion> ordered = versions.stream()
                .sorted(java.util.Comparator.comparingInt(JobVersion::version))
                .toList();
        for (int i = 1; i < ordered.size(); i++) {
            JobVersion v = ordered.get(i);
            if (v.createdAtMs() > since && v.createdAtMs() <= failed.createdAtMs()) {
                ObjectNode change = changes.addObject()
                        .put("version", v.version())
                        .put("changed_by", v.changedBy())
                        .put("changed_at", Times.format(v.createdAtMs()));
                changedFields(ordered.get(i - 1).snapshot(), v.snapshot()).forEach(change.putArray("fields")::add);
            }
        }
        return out.put("summary", summary(failed, lastGood, changes.size()));
    }

    private Execution latestFailure(Principal who, Args a) {
        var job = JobRef.resolve(jobs, who, a);
        return executions.listForJob(who, job.id(), new PageRequest(1, HISTORY)).data().stream()
                .filter(e -> FAILED.contains(e.status()))
                .findFirst()
                .orElseThrow(() -> new Args.Bad(
                        "job '" + job.name() + "' has no failed or timed-out run among its last " + HISTORY));
    }

    private static ObjectNode run(Execution e, boolean withOutput) {
        ObjectNode out = Rpc.object()
                .put("id", e.id())
                .put("job_id", e.jobId())
                .put("status", e.status().wire())
                .put("exit_code", e.exitCode())
                .put("created_at", Times.format(e.createdAtMs()))
                .put("finished_at", Times.formatNullable(e.finishedAtMs()));
        if (withOutput) {
            out.put("stderr_tail", RunTools.tail(e.stderr(), TAIL_LINES))
                    .put("stdout_tail", RunTools.tail(e.stdout(), TAIL_LINES));
        }
        return out;
    }

    /** Top-level fields whose values differ between two saved versions of a job. */
    static Set<String> changedFields(JsonNode before, JsonNode after) {
        Set<String> names = new TreeSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        names.removeIf(f -> before.path(f).equals(after.path(f)) || f.equals("updated_at") || f.equals("version"));
        return names;
    }

    private static String summary(Execution failed, Optional<Execution> lastGood, int changes) {
        String head = "Execution " + failed.id() + " " + failed.status().wire()
                + (failed.exitCode() == null ? "" : " with exit code " + failed.exitCode()) + ". ";
        if (lastGood.isEmpty()) {
            return head + "No successful run of this job precedes it among its last " + HISTORY + " runs.";
        }
        return head + "The last success was " + lastGood.get().id() + " at "
                + Times.formatNullable(lastGood.get().finishedAtMs()) + "; the job was changed " + changes
                + " time(s) since.";
    }

    static ObjectNode schema() {
        ObjectNode s = prop(object(), "summary", "string", "One-paragraph account of the facts");
        var props = (ObjectNode) s.get("properties");
        props.putObject("execution").put("type", "object");
        props.putObject("last_success").putArray("type").add("object").add("null");
        props.putObject("changes_since_last_success").put("type", "array");
        return required(s, "execution", "last_success", "changes_since_last_success", "summary");
    }
}
