package io.kronforce.controller.exec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The task types this process can run, found through ServiceLoader, and the binding of task JSON
 * into each handler's config record. Immutable after construction.
 */
public final class TaskRegistry {
    /** Every task type upstream defines; types outside this set are unknown, not just unavailable. */
    public static final Set<String> UPSTREAM_TYPES = Set.of("shell", "http", "sql", "ftp", "script", "docker_build",
            "file_push", "kafka", "rabbitmq", "mqtt", "redis", "mcp", "kafka_consume", "mqtt_subscribe",
            "rabbitmq_consume", "redis_read", "custom");

    private static final ObjectMapper BINDER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<String, TaskHandler<?>> handlers;

    private TaskRegistry(Map<String, TaskHandler<?>> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    public static TaskRegistry load(HandlerSettings settings) {
        Map<String, TaskHandler<?>> found = new TreeMap<>();
        for (TaskHandlerProvider provider : ServiceLoader.load(TaskHandlerProvider.class)) {
            TaskHandler<?> handler = provider.create(settings);
            found.put(handler.type(), handler);
        }
        return new TaskRegistry(found);
    }

    public Set<String> types() {
        return handlers.keySet();
    }

    public Optional<TaskHandler<?>> handler(String type) {
        return Optional.ofNullable(handlers.get(type));
    }

    /** A handler with its bound configuration, ready to run. */
    public record Bound<C extends Record>(TaskHandler<C> handler, C config) {
        List<ConfigViolation> check() {
            return handler.check(config);
        }
    }

    /**
     * Binds a task object to its handler's record.
     *
     * @throws IllegalArgumentException when no handler serves the type or the JSON does not fit
     */
    public Bound<?> bind(ObjectNode task) {
        String type = task.path("type").asText();
        TaskHandler<?> handler = handlers.get(type);
        if (handler == null) {
            throw new IllegalArgumentException("no handler for task type '" + type + "'");
        }
        return bindTo(handler, task);
    }

    private static <C extends Record> Bound<C> bindTo(TaskHandler<C> handler, ObjectNode task) {
        try {
            return new Bound<>(handler, BINDER.treeToValue(task, handler.configType()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("task does not fit type '" + handler.type() + "': "
                    + originalMessage(e), e);
        }
    }

    private static String originalMessage(Exception e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    /** Config problems of a task, as the handler reports them; binding problems included. */
    public List<ConfigViolation> check(ObjectNode task) {
        try {
            return bind(task).check();
        } catch (IllegalArgumentException e) {
            return List.of(new ConfigViolation("/task", e.getMessage()));
        }
    }
}
