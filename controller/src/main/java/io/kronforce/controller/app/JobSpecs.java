package io.kronforce.controller.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.rules.RuleSpecs;
import io.kronforce.controller.schedule.MisfirePolicy;
import io.kronforce.controller.schedule.Schedules;
import io.kronforce.task.ConfigViolation;
import io.kronforce.worker.host.HandlerCatalog;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a request's job fields into the stored spec: checks JSON types (wrong type → 422, as
 * upstream's extractor), then meaning (→ 400), and fills upstream's defaults. The spec holds
 * every editable field except the name, in wire form.
 */
final class JobSpecs {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9 _.\\-]{1,255}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9 _\\-]{0,50}");
    private static final Pattern RUN_AS = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final List<String> TARGETS = List.of("local", "agent", "tagged", "any", "all", "function");
    /** A function's secret is a variable reference only, so the job itself never holds the secret. */
    private static final Pattern SECRET_REF = Pattern.compile("\\{\\{[A-Za-z0-9_]+}}");

    /** Every task type upstream defines; types outside this set are unknown, not just unavailable. */
    static final Set<String> UPSTREAM_TYPES = Set.of("shell", "http", "sql", "ftp", "script", "docker_build",
            "file_push", "kafka", "rabbitmq", "mqtt", "redis", "mcp", "kafka_consume", "mqtt_subscribe",
            "rabbitmq_consume", "redis_read", "custom");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> TASK = new TypeReference<>() {};

    /** The handlers installed here: the same binding and checks the task host runs with. */
    private final HandlerCatalog handlers;

    JobSpecs(HandlerCatalog handlers) {
        this.handlers = handlers;
    }

    static String name(JsonNode body) {
        JsonNode name = body.get("name");
        if (name == null || name.isNull()) {
            throw new KronforceException.InvalidInput("/name", "name is required");
        }
        requireType(name.isTextual(), "name", "a string");
        String value = name.asText().trim();
        if (!NAME.matcher(value).matches()) {
            throw new KronforceException.InvalidInput("/name",
                    "job name must be 1-255 characters of letters, digits, spaces, '-', '_' or '.'");
        }
        return value;
    }

    /** Validates a complete spec (a create, or an update merged onto the stored spec). */
    ObjectNode normalize(ObjectNode in) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("description", optionalText(in, "description", 10_000));
        out.set("task", task(in.get("task")));
        out.set("run_as", runAs(in.get("run_as")));
        out.set("schedule", schedule(in.get("schedule")));
        out.set("timeout_secs", positiveInt(in, "timeout_secs"));
        out.set("depends_on", Dependencies.shape(in.get("depends_on")));
        out.set("target", target(in.get("target")));
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

    private ObjectNode task(JsonNode task) {
        if (task == null || task.isNull()) {
            throw new KronforceException.InvalidInput("/task", "task is required");
        }
        requireType(task.isObject() && task.path("type").isTextual(), "task", "an object with a string 'type'");
        String type = task.get("type").asText();
        // Upstream's types, plus any type an installed handler adds beyond upstream (nats).
        if (!UPSTREAM_TYPES.contains(type) && !handlers.serves(type)) {
            throw new KronforceException.InvalidInput(ProblemType.WRONG_SHAPE, "unknown task type '" + type + "'",
                    List.of(new KronforceException.FieldError("/task/type", "unknown task type")));
        }
        if (!"custom".equals(type) && !handlers.serves(type)) {
            throw new KronforceException.InvalidInput(ProblemType.WRONG_SHAPE, "task type '" + type
                    + "' is not available on this controller (installed: " + handlers.types() + ")",
                    List.of(new KronforceException.FieldError("/task/type", "no handler installed")));
        }
        if (!"custom".equals(type)) {
            List<ConfigViolation> problems = handlers.check(JSON.convertValue(task, TASK));
            if (!problems.isEmpty()) {
                // 422 with a pointer per problem (issue #5): the body parsed, but the task it describes cannot run.
                throw new KronforceException.InvalidInput(ProblemType.WRONG_SHAPE, problems.get(0).message(),
                        problems.stream().map(p -> new KronforceException.FieldError("/task" + p.pointer(), p.message()))
                                .toList());
            }
        }
        return (ObjectNode) task.deepCopy();
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

    private static JsonNode target(JsonNode v) {
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isObject() && v.path("type").isTextual(), "target", "an object with a string 'type'");
        String type = v.get("type").asText();
        if (!TARGETS.contains(type)) {
            throw new KronforceException.InvalidInput(ProblemType.WRONG_SHAPE, "unknown target type '" + type + "'",
                    List.of(new KronforceException.FieldError("/target/type", "unknown target type")));
        }
        if ("agent".equals(type) && !v.path("agent_id").isTextual()) {
            throw new KronforceException.InvalidInput("/target/agent_id", "agent target needs 'agent_id'");
        }
        if ("tagged".equals(type) && !v.path("tag").isTextual()) {
            throw new KronforceException.InvalidInput("/target/tag", "tagged target needs 'tag'");
        }
        if ("function".equals(type)) {
            functionTarget(v);
        }
        return v.deepCopy();
    }

    private static void functionTarget(JsonNode v) {
        String url = v.path("url").asText("");
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (!v.path("url").isTextual() || uri == null || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new KronforceException.InvalidInput("/target/url", "function target needs an absolute http(s) 'url'");
        }
        if (!v.path("secret").isTextual() || !SECRET_REF.matcher(v.path("secret").asText()).matches()) {
            throw new KronforceException.InvalidInput("/target/secret", "function target needs 'secret' as a"
                    + " variable reference such as \"{{FN_SECRET}}\", never the secret itself");
        }
    }

    static String group(JsonNode v) {
        if (v == null || v.isNull()) {
            return "Default";
        }
        requireType(v.isTextual(), "group", "a string");
        String g = v.asText().trim();
        if (!GROUP.matcher(g).matches()) {
            throw new KronforceException.InvalidInput("/group",
                    "group must be at most 50 characters of letters, digits, spaces, '-' or '_'");
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
            throw new KronforceException.InvalidInput("/sla_deadline", "sla_deadline must be HH:MM (in the job's timezone, UTC when none)");
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

    /** What a run does when {@code max_concurrent} is reached: upstream's skip (first, the default) or queue. */
    private static final List<String> CONCURRENCY_POLICIES = List.of("skip", "queue");

    private static String choice(JsonNode v, String field, List<String> allowed) {
        if (v == null || v.isNull()) {
            return allowed.get(0);
        }
        requireType(v.isTextual(), field, "a string");
        if (!allowed.contains(v.asText())) {
            throw new KronforceException.InvalidInput(ProblemType.WRONG_SHAPE, "unknown " + field + " '" + v.asText()
                    + "'", List.of(new KronforceException.FieldError("/" + field, String.join(" or ", allowed))));
        }
        return v.asText();
    }

    private static String misfirePolicy(JsonNode v) {
        if (v == null || v.isNull()) {
            return MisfirePolicy.DEFAULT.wire();
        }
        requireType(v.isTextual(), "misfire_policy", "a string");
        return MisfirePolicy.parse(v.asText()).orElseThrow(() -> new KronforceException.InvalidInput(
                ProblemType.WRONG_SHAPE, "unknown misfire_policy '" + v.asText() + "'",
                List.of(new KronforceException.FieldError("/misfire_policy", "skip, run_once or run_all")))).wire();
    }

    private static JsonNode timestamp(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isTextual(), field, "an RFC 3339 string");
        long ms = io.kronforce.controller.domain.Times.parse(v.asText()).orElseThrow(() ->
                new KronforceException.InvalidInput("/" + field, field + " is not an RFC 3339 timestamp"));
        return JsonNodeFactory.instance.textNode(io.kronforce.controller.domain.Times.format(ms));
    }

    private static JsonNode optionalText(JsonNode in, String field, int max) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isTextual(), field, "a string");
        if (v.asText().length() > max) {
            throw new KronforceException.InvalidInput("/" + field, field + " is longer than " + max + " characters");
        }
        return v;
    }

    private static JsonNode optionalObject(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isObject(), field, "an object");
        return v.deepCopy();
    }

    private static JsonNode positiveInt(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isIntegralNumber() && v.canConvertToInt(), field, "a whole number");
        if (v.asInt() < 1) {
            throw new KronforceException.InvalidInput("/" + field, field + " must be at least 1");
        }
        return v;
    }

    private static int intAtLeast(JsonNode in, String field, int min, int fallback) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        requireType(v.isIntegralNumber() && v.canConvertToInt(), field, "a whole number");
        if (v.asInt() < min) {
            throw new KronforceException.InvalidInput("/" + field, field + " must be at least " + min);
        }
        return v.asInt();
    }

    /** At most a day: a warning belongs to the deadline it precedes, and SLA checks look a day around each one. */
    private static int slaWarningMins(JsonNode in) {
        int mins = intAtLeast(in, "sla_warning_mins", 0, 0);
        if (mins > 1440) {
            throw new KronforceException.InvalidInput("/sla_warning_mins", "sla_warning_mins must be at most 1440");
        }
        return mins;
    }

    private static boolean bool(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        requireType(v.isBoolean(), field, "true or false");
        return v.asBoolean();
    }

    static void requireType(boolean ok, String field, String expected) {
        if (!ok) {
            throw new KronforceException.InvalidInput(ProblemType.WRONG_SHAPE, field + " must be " + expected,
                    List.of(new KronforceException.FieldError("/" + field, "must be " + expected)));
        }
    }
}
