package io.kronforce.worker.host;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The task handlers on this worker's class path, found through ServiceLoader, and the binding of a
 * task object into a handler's config record. Immutable.
 */
public final class HandlerCatalog {
    private static final ObjectMapper BINDER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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

    public Set<String> types() {
        return handlers.keySet();
    }

    /** A handler with its bound config. */
    record Bound<C extends Record>(TaskHandler<C> handler, C config) {}

    /**
     * Binds the task to its handler.
     *
     * @throws IllegalArgumentException when no handler serves the type or the task does not fit its record
     */
    Bound<?> bind(HostedRun run) {
        TaskHandler<?> handler = handlers.get(run.type());
        if (handler == null) {
            throw new IllegalArgumentException("this worker has no handler for task type '" + run.type() + "'");
        }
        return bindTo(handler, run.task());
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
        return t instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
    }
}
