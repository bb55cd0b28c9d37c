package io.kronforce.controller.mcp;

import static io.kronforce.controller.mcp.Schemas.object;
import static io.kronforce.controller.mcp.Schemas.prop;
import static io.kronforce.controller.mcp.Schemas.required;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.listing.ExecutionQuery;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.views.Views;
import java.util.List;

/** Tools over runs: trigger (through the fire gate), list, get, output, cancel, explain a failure. */
final class RunTools {
    static final int EXCERPT_CHARS = 200;

    private final JobCatalog jobs;
    private final ExecutionControl executions;
    private final FailureExplainer explainer;

    RunTools(JobCatalog jobs, ExecutionControl executions) {
        this.jobs = jobs;
        this.executions = executions;
        this.explainer = new FailureExplainer(jobs, executions);
    }

    List<Tool> tools() {
        return List.of(
                new Tool(
                        "trigger_job",
                        "Trigger a job",
                        "Trigger a job to run immediately. Returns execution info.",
                        prop(prop(object(), "name", "string", "Job name"), "id", "string", "Job UUID"),
                        required(
                                prop(
                                        prop(
                                                prop(object(), "job_id", "string", "Job UUID"),
                                                "execution_id",
                                                "string",
                                                "The new run"),
                                        "status",
                                        "string",
                                        "Its status right after the trigger"),
                                "job_id",
                                "execution_id",
                                "status"),
                        Access.WRITE,
                        Tool.Hints.CHANGE,
                        this::trigger),
                new Tool(
                        "list_executions",
                        "List executions",
                        "List recent job executions with status and output excerpt.",
                        Schemas.limit(
                                prop(
                                        object(),
                                        "status",
                                        "string",
                                        "Filter by status (succeeded, failed, running, timed_out)"),
                                "Max results (default 20)",
                                20),
                        Schemas.listOf("executions"),
                        Access.READ,
                        Tool.Hints.READ,
                        this::list),
                new Tool(
                        "get_execution",
                        "Get an execution",
                        "Get full execution details including stdout, stderr, and exit code.",
                        id("Execution UUID"),
                        required(
                                prop(prop(object(), "id", "string", "Execution UUID"), "status", "string", "Status"),
                                "id",
                                "status"),
                        Access.READ,
                        Tool.Hints.READ,
                        (who, a) ->
                                Tool.Output.structured(Views.execution(executions.require(who, a.requireText("id"))))),
                new Tool(
                        "get_execution_output",
                        "Get an execution's output",
                        "The captured stdout and stderr of a run (secret values are masked), optionally only the last lines.",
                        prop(id("Execution UUID"), "tail_lines", "integer", "Only the last N lines of each stream"),
                        required(
                                prop(
                                        prop(object(), "stdout", "string", "Captured stdout"),
                                        "stderr",
                                        "string",
                                        "Captured stderr"),
                                "id",
                                "status",
                                "stdout",
                                "stderr"),
                        Access.READ,
                        Tool.Hints.READ,
                        this::output),
                new Tool(
                        "cancel_execution",
                        "Cancel an execution",
                        "Cancel a run: a running one is interrupted, a waiting one is closed as cancelled.",
                        id("Execution UUID"),
                        null,
                        Access.WRITE,
                        Tool.Hints.DESTRUCTIVE,
                        this::cancel),
                new Tool(
                        "explain_failure",
                        "Explain a failure",
                        "Why did a job fail? Returns the failing run's output, the last successful run before it "
                                + "and the changes made to the job in between. Give an execution id, or a job name or id "
                                + "for its latest failure.",
                        prop(JobTools.byNameOrId(), "execution_id", "string", "A failed execution's UUID"),
                        FailureExplainer.schema(),
                        Access.READ,
                        Tool.Hints.READ,
                        (who, a) -> Tool.Output.structured(explainer.explain(who, a))));
    }

    private Tool.Output trigger(Principal who, Args a) {
        Job job = JobRef.resolve(jobs, who, a);
        // Same path as the REST trigger: parameters checked, approval and concurrency gates applied.
        String id = executions.trigger(
                who, job.id(), null, false, Rpc.object().put("type", "api").put("via", "mcp"));
        Execution e = executions.require(who, id);
        String text = switch (e.status()) {
            case PENDING_APPROVAL -> "Job '" + job.name() + "' is awaiting approval (execution " + id + ")";
            case QUEUED -> "Job '" + job.name() + "' queued: max_concurrent reached (execution " + id + ")";
            case SKIPPED -> "Job '" + job.name() + "' skipped: " + e.stderr() + " (execution " + id + ")";
            default -> "Job '" + job.name() + "' triggered (execution " + id + ")";
        };
        return new Tool.Output(
                text,
                Rpc.object()
                        .put("job_id", job.id())
                        .put("execution_id", id)
                        .put("status", e.status().wire()));
    }

    private Tool.Output list(Principal who, Args a) {
        String status = a.text("status").orElse(null);
        if (status != null && ExecutionStatus.parse(status).isEmpty()) {
            throw new Args.Bad("unknown execution status '" + status + "'");
        }
        var page = executions.list(
                who,
                new ExecutionQuery(
                        status,
                        null,
                        null,
                        null,
                        new PageRequest(1, a.integer("limit", 20, 1, PageRequest.MAX_PER_PAGE))));
        ArrayNode rows = Rpc.MAPPER.createArrayNode();
        for (Execution e : page.data()) {
            rows.addObject()
                    .put("id", e.id())
                    .put("job_id", e.jobId())
                    .put("status", e.status().wire())
                    .put("exit_code", e.exitCode())
                    .put("started_at", Times.formatNullable(e.startedAtMs()))
                    .put("finished_at", Times.formatNullable(e.finishedAtMs()))
                    .put("stdout_excerpt", excerpt(e.stdout()));
        }
        return JobTools.listed("executions", rows);
    }

    private Tool.Output output(Principal who, Args a) {
        Execution e = executions.require(who, a.requireText("id"));
        int tail = a.integer("tail_lines", 0, 0, 100_000);
        ObjectNode out = Rpc.object()
                .put("id", e.id())
                .put("status", e.status().wire())
                .put("exit_code", e.exitCode())
                .put("stdout", tail(e.stdout(), tail))
                .put("stderr", tail(e.stderr(), tail))
                .put("stdout_truncated", e.stdoutTruncated())
                .put("stderr_truncated", e.stderrTruncated());
        return Tool.Output.structured(out);
    }

    private Tool.Output cancel(Principal who, Args a) {
        String id = a.requireText("id");
        executions.cancel(who, id);
        return new Tool.Output(
                "Cancel request sent for execution " + id + " (now "
                        + executions.require(who, id).status().wire() + ")",
                null);
    }

    private static ObjectNode id(String description) {
        return required(prop(object(), "id", "string", description), "id");
    }

    static String excerpt(String text) {
        return text == null
                ? ""
                : text.codePoints()
                        .limit(EXCERPT_CHARS)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString();
    }

    /** The last {@code lines} lines of {@code text}; all of it when {@code lines} is 0. */
    static String tail(String text, int lines) {
        if (text == null || lines == 0) {
            return text == null ? "" : text;
        }
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
