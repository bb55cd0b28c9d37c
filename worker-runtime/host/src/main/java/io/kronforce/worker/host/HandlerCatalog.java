package io.kronforce.worker.host;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The task handlers on this process's class path, found through ServiceLoader, and the binding of a
 * task object into a handler's config record (snake_case record components, unknown members
 * ignored). One binding for every place that runs or checks a task: the controller's local runs and
 * its job validation, the push agent, the pull worker and the Lambda handler. Immutable.
 */
public final class HandlerCatalog {
    private static final ObjectMapper BINDER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<String, TaskHandler<?>> handlers;

    private HandlerCatalog(Map<String, TaskHandler<?>> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /** Every provider on the class path, each created with {@code settings}. */
    public static HandlerCatalog load(HandlerSettings settings) {
        Map<String, TaskHandler<?>> found = new TreeMap<>();
        for (TaskHandlerProvider provider : ServiceLoader.load(TaskHandlerProvider.class)) {
            TaskHandler<?> h = provider.create(settings);
            found.put(h.type(), h);
        }
        return new HandlerCatalog(found);
    }

    /** Exactly these handlers (an embedding that builds its own, or a test). */
    public static HandlerCatalog of(java.util.Collection<? extends TaskHandler<?>> handlers) {
        Map<String, TaskHandler<?>> found = new TreeMap<>();
        handlers.forEach(h -> found.put(h.type(), h));
        return new HandlerCatalog(found);
    }

    public Set<String> types() {
        return handlers.keySet();
    }

    /**
     * The record each installed type binds its task into, by type; the record's components are the
     * task's wire fields (the AI job builder describes them to the model).
     */
    public Map<String, Class<? extends Record>> configTypes() {
        Map<String, Class<? extends Record>> out = new TreeMap<>();
        handlers.forEach((type, h) -> out.put(type, h.configType()));
        return out;
    }

    /** Whether a handler for {@code type} is installed here. */
    public boolean serves(String type) {
        return handlers.containsKey(type);
    }

    /**
     * Config problems of a task, as its handler reports them, binding problems included (a task
     * whose type has no handler here, or that does not fit the handler's record, is one problem at
     * the task itself, pointer {@code ""}). Pointers are relative to the task object. Empty when the
     * task can run.
     */
    public List<ConfigViolation> check(Map<String, Object> task) {
        try {
            return checkBound(bind(task));
        } catch (IllegalArgumentException e) {
            return List.of(new ConfigViolation("", e.getMessage()));
        }
    }

    private static <C extends Record> List<ConfigViolation> checkBound(Bound<C> bound) {
        return bound.handler().check(bound.config());
    }

    /** A handler with its bound config. */
    record Bound<C extends Record>(TaskHandler<C> handler, C config) {}

    /**
     * Binds the task to its handler.
     *
     * @throws IllegalArgumentException when no handler serves the type or the task does not fit its record
     */
    Bound<?> bind(Map<String, Object> task) {
        String type = task.get("type") instanceof String s ? s : "";
        TaskHandler<?> handler = handlers.get(type);
        if (handler == null) {
            throw new IllegalArgumentException("no handler for task type '" + type + "'");
        }
        return bindTo(handler, task);
    }

    private static <C extends Record> Bound<C> bindTo(TaskHandler<C> handler, Map<String, Object> task) {
        try {
            return new Bound<>(handler, BINDER.convertValue(task, handler.configType()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task does not fit type '" + handler.type() + "': " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof com.fasterxml.jackson.core.JsonProcessingException j
                ? j.getOriginalMessage()
                : t.getMessage();
    }
}
