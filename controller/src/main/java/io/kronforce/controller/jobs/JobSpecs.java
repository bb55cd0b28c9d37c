package io.kronforce.controller.jobs;

import static io.kronforce.controller.jobs.SpecFields.bool;
import static io.kronforce.controller.jobs.SpecFields.choice;
import static io.kronforce.controller.jobs.SpecFields.intAtLeast;
import static io.kronforce.controller.jobs.SpecFields.optionalObject;
import static io.kronforce.controller.jobs.SpecFields.optionalText;
import static io.kronforce.controller.jobs.SpecFields.positiveInt;
import static io.kronforce.controller.jobs.SpecFields.requireType;
import static io.kronforce.controller.jobs.SpecFields.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.spec.JobSpec;
import io.kronforce.controller.rules.RuleSpecs;
import io.kronforce.controller.schedule.MisfirePolicy;
import io.kronforce.controller.schedule.Schedules;
import io.kronforce.worker.host.HandlerCatalog;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a request's job fields into the stored spec: checks JSON types (wrong type → 422, as
 * upstream's extractor), then meaning (→ 400), and fills upstream's defaults. The spec holds
 * every editable field except the name, in wire form. The task and the target have checks of
 * their own ({@link JobTasks}, {@link JobTargets}); the typed field readers are {@link SpecFields}.
 */
final class JobSpecs {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9 _.\\-]{1,255}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9 _\\-]{0,50}");
    private static final Pattern RUN_AS = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    /** What a run does when {@code max_concurrent} is reached: upstream's skip (first, the default) or queue. */
    private static final List<String> CONCURRENCY_POLICIES = List.of("skip", "queue");

    private final JobTasks tasks;

    JobSpecs(HandlerCatalog handlers) {
        this.tasks = new JobTasks(handlers);
    }

    static String name(JsonNode body) {
        JsonNode name = body.get("name");
        if (name == null || name.isNull()) {
            throw new KronforceException.InvalidInput("/name", "name is required");
        }
        requireType(name.isTextual(), "name", "a string");
        String value = name.asText().trim();
        if (!NAME.matcher(value).matches()) {
            throw new KronforceException.InvalidInput(
                    "/name", "job name must be 1-255 characters of letters, digits, spaces, '-', '_' or '.'");
        }
        return value;
    }

    /** Validates a complete spec (a create, or an update merged onto the stored spec) into its typed form. */
    JobSpec spec(ObjectNode in) {
        return JobSpec.parse(normalize(in));
    }

    /** Validates a complete spec into its stored wire form. */
    ObjectNode normalize(ObjectNode in) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("description", optionalText(in, "description", 10_000));
        out.set("task", tasks.task(in.get("task")));
        out.set("run_as", runAs(in.get("run_as")));
        out.set("schedule", schedule(in.get("schedule")));
        out.set("timeout_secs", positiveInt(in, "timeout_secs"));
        out.set("depends_on", Dependencies.shape(in.get("depends_on")));
        out.set("target", JobTargets.target(in.get("target")));
        out.set("output_rules", RuleSpecs.normalize(in.get("output_rules")));
        out.set("notifications", optionalObject(in, "notifications"));
        out.put("group", group(in.get("group")));
        out.put("retry_max", intAtLeast(in, "retry_max", 0, 0));
        out.put("retry_delay_secs", intAtLeast(in, "retry_delay_secs", 0, 0));
        out.put("retry_backoff", backoff(in.get("retry_backoff")));
        out.put("approval_required", bool(in, "approval_required"));
        out.put("priority", intAtLeast(in, "priority", Integer.MIN_VALUE, 0));
        out.set("sla_deadline", slaDeadline(in.get("sla_deadline")));
        out.put("sla_warning_mins", slaWarningMins(in));
        out.set("starts_at", timestamp(in, "starts_at"));
        out.set("expires_at", timestamp(in, "expires_at"));
        out.put("max_concurrent", intAtLeast(in, "max_concurrent", 0, 0));
        out.put("concurrency_policy", choice(in.get("concurrency_policy"), "concurrency_policy", CONCURRENCY_POLICIES));
        out.set("parameters", Parameters.definitions(in.get("parameters")));
        out.set("timezone", timezone(in.get("timezone")));
        out.put("misfire_policy", misfirePolicy(in.get("misfire_policy")));
        return out;
    }

    static JsonNode schedule(JsonNode schedule) {
        if (schedule == null || schedule.isNull()) {
            throw new KronforceException.InvalidInput("/schedule", "schedule is required");
        }
        requireType(schedule.isObject(), "schedule", "an object such as {\"type\":\"on_demand\"}");
        try {
            return Schedules.normalize(schedule);
        } catch (Schedules.ScheduleException e) {
            throw new KronforceException.InvalidInput("/schedule", e.getMessage());
        }
    }

    private static JsonNode runAs(JsonNode v) {
        if (v == null || v.isNull()) {
            return v == null ? JsonNodeFactory.instance.nullNode() : v;
        }
        requireType(v.isTextual(), "run_as", "a string");
        if (!RUN_AS.matcher(v.asText()).matches()) {
            throw new KronforceException.InvalidInput("/run_as", "run_as must match [A-Za-z0-9._-]+");
        }
        return v;
    }

    static String group(JsonNode v) {
        if (v == null || v.isNull()) {
            return "Default";
        }
        requireType(v.isTextual(), "group", "a string");
        String g = v.asText().trim();
        if (!GROUP.matcher(g).matches()) {
            throw new KronforceException.InvalidInput(
                    "/group", "group must be at most 50 characters of letters, digits, spaces, '-' or '_'");
        }
        return g.isEmpty() ? "Default" : g;
    }

    private static double backoff(JsonNode v) {
        if (v == null || v.isNull()) {
            return 1.0;
        }
        requireType(v.isNumber(), "retry_backoff", "a number");
        if (!Double.isFinite(v.asDouble()) || v.asDouble() < 1.0 || v.asDouble() > 100) {
            throw new KronforceException.InvalidInput("/retry_backoff", "retry_backoff must be between 1.0 and 100");
        }
        return v.asDouble();
    }

    private static JsonNode slaDeadline(JsonNode v) {
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isTextual(), "sla_deadline", "a string");
        if (!HH_MM.matcher(v.asText()).matches()) {
            throw new KronforceException.InvalidInput(
                    "/sla_deadline", "sla_deadline must be HH:MM (in the job's timezone, UTC when none)");
        }
        return v;
    }

    private static JsonNode timezone(JsonNode v) {
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isTextual(), "timezone", "a string");
        try {
            ZoneId.of(v.asText());
        } catch (DateTimeException e) {
            throw new KronforceException.InvalidInput("/timezone", "unknown time zone '" + v.asText() + "'");
        }
        return v;
    }

    private static String misfirePolicy(JsonNode v) {
        if (v == null || v.isNull()) {
            return MisfirePolicy.DEFAULT.wire();
        }
        requireType(v.isTextual(), "misfire_policy", "a string");
        return MisfirePolicy.parse(v.asText())
                .orElseThrow(() -> new KronforceException.InvalidInput(
                        ProblemType.WRONG_SHAPE,
                        "unknown misfire_policy '" + v.asText() + "'",
                        List.of(new KronforceException.FieldError("/misfire_policy", "skip, run_once or run_all"))))
                .wire();
    }

    /** At most a day: a warning belongs to the deadline it precedes, and SLA checks look a day around each one. */
    private static int slaWarningMins(JsonNode in) {
        int mins = intAtLeast(in, "sla_warning_mins", 0, 0);
        if (mins > 1440) {
            throw new KronforceException.InvalidInput("/sla_warning_mins", "sla_warning_mins must be at most 1440");
        }
        return mins;
    }
}
