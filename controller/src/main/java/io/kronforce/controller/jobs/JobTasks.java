package io.kronforce.controller.jobs;

import static io.kronforce.controller.jobs.SpecFields.requireType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.task.ConfigViolation;
import io.kronforce.worker.host.HandlerCatalog;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a job's {@code task} field against the handlers installed here, with the same binding
 * and checks the task host runs with, so a task that could never run is refused when it is saved.
 */
final class JobTasks {
    /** Every task type upstream defines; types outside this set are unknown, not just unavailable. */
    static final Set<String> UPSTREAM_TYPES = Set.of(
            "shell",
            "http",
            "sql",
            "ftp",
            "script",
            "docker_build",
            "file_push",
            "kafka",
            "rabbitmq",
            "mqtt",
            "redis",
            "mcp",
            "kafka_consume",
            "mqtt_subscribe",
            "rabbitmq_consume",
            "redis_read",
            "custom");

    private static final ObjectMapper JSON = JsonMapping.MAPPER;
    private static final TypeReference<Map<String, Object>> TASK = new TypeReference<>() {};

    private final HandlerCatalog handlers;

    JobTasks(HandlerCatalog handlers) {
        this.handlers = handlers;
    }

    ObjectNode task(JsonNode task) {
        if (task == null || task.isNull()) {
            throw new KronforceException.InvalidInput("/task", "task is required");
        }
        requireType(task.isObject() && task.path("type").isTextual(), "task", "an object with a string 'type'");
        String type = task.get("type").asText();
        // Upstream's types, plus any type an installed handler adds beyond upstream (nats).
        if (!UPSTREAM_TYPES.contains(type) && !handlers.serves(type)) {
            throw new KronforceException.InvalidInput(
                    ProblemType.WRONG_SHAPE,
                    "unknown task type '" + type + "'",
                    List.of(new KronforceException.FieldError("/task/type", "unknown task type")));
        }
        if (!"custom".equals(type) && !handlers.serves(type)) {
            throw new KronforceException.InvalidInput(
                    ProblemType.WRONG_SHAPE,
                    "task type '" + type + "' is not available on this controller (installed: " + handlers.types()
                            + ")",
                    List.of(new KronforceException.FieldError("/task/type", "no handler installed")));
        }
        if (!"custom".equals(type)) {
            List<ConfigViolation> problems = handlers.check(JSON.convertValue(task, TASK));
            if (!problems.isEmpty()) {
                // 422 with a pointer per problem: the body parsed, but the task it describes cannot run.
                throw new KronforceException.InvalidInput(
                        ProblemType.WRONG_SHAPE,
                        problems.get(0).message(),
                        problems.stream()
                                .map(p -> new KronforceException.FieldError("/task" + p.pointer(), p.message()))
                                .toList());
            }
        }
        return (ObjectNode) task.deepCopy();
    }
}
