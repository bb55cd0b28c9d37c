package io.kronforce.controller.mcp;

import static io.kronforce.controller.mcp.Schemas.limit;
import static io.kronforce.controller.mcp.Schemas.object;
import static io.kronforce.controller.mcp.Schemas.prop;
import static io.kronforce.controller.mcp.Schemas.required;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.listing.JobQuery;
import io.kronforce.controller.firing.FirePreview;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.views.JobViews;
import java.util.List;

/** Tools over job definitions: upstream's list/get/create, plus validate, update, pause, resume, preview. */
final class JobTools {
    private final JobCatalog jobs;
    private final JobViews views;
    private final FirePreview preview;

    JobTools(JobCatalog jobs, JobViews views, FirePreview preview) {
        this.jobs = jobs;
        this.views = views;
        this.preview = preview;
    }

    List<Tool> tools() {
        return List.of(
                new Tool(
                        "list_jobs",
                        "List jobs",
                        "List jobs with optional filters. Returns job name, status, group, schedule, and last execution.",
                        limit(
                                prop(
                                        prop(
                                                prop(object(), "group", "string", "Filter by group name"),
                                                "status",
                                                "string",
                                                "Filter by status (scheduled, paused, unscheduled)"),
                                        "search",
                                        "string",
                                        "Search in job name and task"),
                                "Max results (default 20)",
                                20),
                        Schemas.listOf("jobs"),
                        Access.READ,
                        Tool.Hints.READ,
                        this::list),
                new Tool(
                        "get_job",
                        "Get a job",
                        "Get full details of a job by name or ID.",
                        byNameOrId(),
                        job(),
                        Access.READ,
                        Tool.Hints.READ,
                        (who, a) -> Tool.Output.structured(view(who, a))),
                new Tool(
                        "create_job",
                        "Create a job",
                        "Create a new job. Returns the new job ID.",
                        jobSchema(),
                        job(),
                        Access.WRITE,
                        Tool.Hints.CHANGE,
                        this::create),
                new Tool(
                        "validate_job",
                        "Validate a job definition",
                        "Check a job definition exactly as create_job would (name, task, schedule, dependencies) "
                                + "without creating it. Returns the normalised definition or what to fix.",
                        jobSchema(),
                        validated(),
                        Access.READ,
                        Tool.Hints.READ,
                        this::validate),
                new Tool(
                        "update_job",
                        "Update a job",
                        "Change fields of a job (same fields and rules as PUT /api/jobs/{id}); unnamed fields stay.",
                        required(
                                prop(
                                        prop(object(), "id", "string", "Job UUID"),
                                        "changes",
                                        "object",
                                        "Fields to change, e.g. {\"schedule\":{\"type\":\"cron\",\"value\":\"0 0 * * * *\"}}"),
                                "id",
                                "changes"),
                        job(),
                        Access.WRITE,
                        Tool.Hints.IDEMPOTENT_CHANGE,
                        (who, a) -> Tool.Output.structured(views.view(jobs.update(
                                who,
                                a.requireText("id"),
                                a.object("changes").orElseThrow(() -> new Args.Bad("'changes' is required")))))),
                new Tool(
                        "pause_job",
                        "Pause a job",
                        "Pause a job's schedule (manual triggers still run it).",
                        byNameOrId(),
                        job(),
                        Access.WRITE,
                        Tool.Hints.IDEMPOTENT_CHANGE,
                        (who, a) -> setStatus(who, a, JobStatus.PAUSED)),
                new Tool(
                        "resume_job",
                        "Resume a job",
                        "Resume a paused job's schedule.",
                        byNameOrId(),
                        job(),
                        Access.WRITE,
                        Tool.Hints.IDEMPOTENT_CHANGE,
                        (who, a) -> setStatus(who, a, JobStatus.SCHEDULED)),
                new Tool(
                        "preview_schedule",
                        "Preview a job's schedule",
                        "The next fire times of a job in its time zone, and the slots it missed with what its "
                                + "misfire policy would do with them.",
                        prop(byNameOrId(), "count", "integer", "How many future fires (1-100, default 10)"),
                        previewed(),
                        Access.READ,
                        Tool.Hints.READ,
                        (who, a) -> Tool.Output.structured(preview.preview(
                                who,
                                JobRef.resolve(jobs, who, a).id(),
                                a.integer("count", FirePreview.DEFAULT_COUNT, 1, FirePreview.MAX_COUNT)))));
    }

    private Tool.Output list(Principal who, Args a) {
        String status = a.text("status")
                .map(s -> JobStatus.parse(s).map(JobStatus::wire).orElse(s))
                .orElse(null);
        var page = jobs.list(
                who,
                new JobQuery(
                        status,
                        a.text("search").orElse(null),
                        a.text("group").orElse(null),
                        new PageRequest(1, a.integer("limit", 20, 1, PageRequest.MAX_PER_PAGE))));
        ArrayNode out = Rpc.MAPPER.createArrayNode();
        for (Job j : page.data()) {
            ObjectNode v = views.view(j);
            ObjectNode row = out.addObject()
                    .put("id", j.id())
                    .put("name", j.name())
                    .put("status", j.status().wire())
                    .put("group", j.group());
            row.set("schedule", j.spec().schedule().toJson());
            row.set("next_fire_time", v.get("next_fire_time"));
            row.set("last_execution", v.get("last_execution"));
        }
        return listed("jobs", out);
    }

    private ObjectNode view(Principal who, Args a) {
        return views.view(JobRef.resolve(jobs, who, a));
    }

    private Tool.Output create(Principal who, Args a) {
        Job job = jobs.create(who, a.all());
        return new Tool.Output("Job '" + job.name() + "' created with ID " + job.id(), views.view(job));
    }

    private Tool.Output validate(Principal who, Args a) {
        ObjectNode normalized = jobs.validate(a.all());
        ObjectNode out = Rpc.object().put("valid", true);
        out.set("normalized", normalized);
        return Tool.Output.structured(out);
    }

    private Tool.Output setStatus(Principal who, Args a, JobStatus status) {
        Job job = JobRef.resolve(jobs, who, a);
        ObjectNode change = Rpc.object().put("status", status.wire());
        return Tool.Output.structured(views.view(jobs.update(who, job.id(), change)));
    }

    /** Upstream's lists answer a bare JSON array in text; the structured form wraps it in an object. */
    static Tool.Output listed(String key, ArrayNode rows) {
        ObjectNode structured = Rpc.object();
        structured.set(key, rows);
        return new Tool.Output(rows.toPrettyString(), structured);
    }

    static ObjectNode byNameOrId() {
        return prop(prop(object(), "name", "string", "Job name (exact match)"), "id", "string", "Job UUID");
    }

    /** create_job's schema, upstream's exactly. */
    private static ObjectNode jobSchema() {
        ObjectNode s = object();
        prop(s, "name", "string", "Job name");
        prop(s, "task", "object", "Task definition (e.g. {\"type\":\"shell\",\"command\":\"echo hello\"})");
        prop(
                s,
                "schedule",
                "object",
                "Schedule (e.g. {\"type\":\"on_demand\"} or {\"type\":\"cron\",\"value\":\"0 * * * * *\"})");
        prop(s, "group", "string", "Job group (default: Default)");
        prop(s, "description", "string", "Job description");
        prop(s, "timeout_secs", "integer", "Timeout in seconds");
        return required(s, "name", "task", "schedule");
    }

    private static ObjectNode job() {
        return required(
                prop(
                        prop(prop(object(), "id", "string", "Job UUID"), "name", "string", "Job name"),
                        "status",
                        "string",
                        "scheduled, paused or unscheduled"),
                "id",
                "name",
                "status");
    }

    private static ObjectNode validated() {
        return required(
                prop(
                        prop(object(), "valid", "boolean", "Always true when returned"),
                        "normalized",
                        "object",
                        "The definition as it would be stored"),
                "valid",
                "normalized");
    }

    private static ObjectNode previewed() {
        ObjectNode s = prop(prop(object(), "job_id", "string", "Job UUID"), "timezone", "string", "IANA zone");
        ((ObjectNode) s.get("properties")).putObject("upcoming").put("type", "array");
        return required(s, "job_id", "upcoming");
    }
}
