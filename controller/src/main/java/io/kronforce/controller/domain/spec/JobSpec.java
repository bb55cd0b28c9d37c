package io.kronforce.controller.domain.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Every user-editable field of a job except its name, typed. Built from the validated, normalised
 * wire form (jobs' request checks produce it; a stored row holds it) and written back by
 * {@link #toJson()} to that exact form: the same fields, in the same order, nulls kept.
 *
 * <p>Four parts stay JSON documents because other readers own their shape: {@code task} (the
 * handler plug-in binds it), {@code outputRules} (the rule engine), {@code notifications} (the
 * notification rule) and {@code parameters} (the parameter definitions and their checks).
 *
 * @param description   null when none
 * @param runAs         null: the controller's own user
 * @param timeoutSecs   null: no timeout
 * @param target        null: runs on the controller (as does {@link Target.Local})
 * @param notifications null when the job has no rule of its own
 * @param startsAt      canonical RFC 3339; null when unbounded
 * @param expiresAt     canonical RFC 3339; null when unbounded
 * @param maxConcurrent 0: unlimited
 * @param parameters    the definitions array; null when the job takes none
 * @param timezone      IANA zone id; null: UTC
 * @param misfirePolicy the wire name (skip, run_once or run_all)
 */
public record JobSpec(
        String description,
        ObjectNode task,
        String runAs,
        Schedule schedule,
        Integer timeoutSecs,
        List<Dependency> dependsOn,
        Target target,
        JsonNode outputRules,
        ObjectNode notifications,
        String group,
        Retry retry,
        boolean approvalRequired,
        int priority,
        Sla sla,
        String startsAt,
        String expiresAt,
        int maxConcurrent,
        String concurrencyPolicy,
        JsonNode parameters,
        String timezone,
        String misfirePolicy) {

    public static final String DEFAULT_GROUP = "Default";

    public JobSpec {
        dependsOn = List.copyOf(dependsOn);
    }

    /** The task's type, which names the handler that runs it. */
    public String taskType() {
        return task.path("type").asText();
    }

    /** Whether the job runs on the controller itself: no target, or {@code local}. */
    public boolean runsLocally() {
        return Target.isLocal(target);
    }

    /** Whether a run beyond {@code max_concurrent} waits in the queue instead of being skipped. */
    public boolean queuesWhenBusy() {
        return "queue".equals(concurrencyPolicy);
    }

    public List<String> dependencyIds() {
        return dependsOn.stream().map(Dependency::jobId).toList();
    }

    /**
     * Reads the normalised wire form. Values are taken as stored (they were checked when the job was
     * saved); fields a row lacks take the defaults a request without them gets.
     */
    public static JobSpec parse(JsonNode s) {
        List<Dependency> deps = new ArrayList<>();
        for (JsonNode d : s.path("depends_on")) {
            JsonNode within = d.get("within_secs");
            deps.add(new Dependency(
                    d.path("job_id").asText(), within == null || within.isNull() ? null : within.asLong()));
        }
        return new JobSpec(
                text(s, "description"),
                s.get("task") instanceof ObjectNode task ? task.deepCopy() : JsonNodeFactory.instance.objectNode(),
                text(s, "run_as"),
                Schedule.parse(s.path("schedule")),
                s.hasNonNull("timeout_secs") ? s.get("timeout_secs").asInt() : null,
                deps,
                Target.parse(s.get("target")),
                copyOrNull(s.get("output_rules")),
                s.get("notifications") instanceof ObjectNode n ? n.deepCopy() : null,
                s.path("group").asText(DEFAULT_GROUP),
                new Retry(
                        s.path("retry_max").asInt(0),
                        s.path("retry_delay_secs").asInt(0),
                        s.path("retry_backoff").asDouble(1.0)),
                s.path("approval_required").asBoolean(false),
                s.path("priority").asInt(0),
                new Sla(text(s, "sla_deadline"), s.path("sla_warning_mins").asInt(0)),
                text(s, "starts_at"),
                text(s, "expires_at"),
                s.path("max_concurrent").asInt(0),
                s.path("concurrency_policy").asText("skip"),
                copyOrNull(s.get("parameters")),
                text(s, "timezone"),
                s.hasNonNull("misfire_policy") ? s.get("misfire_policy").asText() : "run_once");
    }

    /** The stored and wire form; a new tree on every call, free for the caller to change. */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("description", description);
        out.set("task", task.deepCopy());
        out.put("run_as", runAs);
        out.set("schedule", schedule.toJson());
        out.put("timeout_secs", timeoutSecs);
        out.set("depends_on", dependsOnJson());
        out.set("target", target == null ? out.nullNode() : target.json().deepCopy());
        out.set("output_rules", outputRules == null ? out.nullNode() : outputRules.deepCopy());
        out.set("notifications", notifications == null ? out.nullNode() : notifications.deepCopy());
        out.put("group", group);
        out.put("retry_max", retry.max());
        out.put("retry_delay_secs", retry.delaySecs());
        out.put("retry_backoff", retry.backoff());
        out.put("approval_required", approvalRequired);
        out.put("priority", priority);
        out.put("sla_deadline", sla.deadline());
        out.put("sla_warning_mins", sla.warningMins());
        out.put("starts_at", startsAt);
        out.put("expires_at", expiresAt);
        out.put("max_concurrent", maxConcurrent);
        out.put("concurrency_policy", concurrencyPolicy);
        out.set("parameters", parameters == null ? out.nullNode() : parameters.deepCopy());
        out.put("timezone", timezone);
        out.put("misfire_policy", misfirePolicy);
        return out;
    }

    /** {@code depends_on} in wire form: {@code within_secs} always present, null when unset. */
    public ArrayNode dependsOnJson() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Dependency d : dependsOn) {
            ObjectNode entry = out.addObject().put("job_id", d.jobId());
            if (d.withinSecs() != null) {
                entry.put("within_secs", d.withinSecs());
            } else {
                entry.putNull("within_secs");
            }
        }
        return out;
    }

    private static String text(JsonNode s, String field) {
        return s.hasNonNull(field) ? s.get(field).asText() : null;
    }

    private static JsonNode copyOrNull(JsonNode v) {
        return v == null || v.isNull() ? null : v.deepCopy();
    }
}
