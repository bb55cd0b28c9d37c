package io.kronforce.task.testkit;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;
import java.util.List;
import java.util.ServiceLoader;

/** Finds a handler the way the controller does, through ServiceLoader, to prove the META-INF registration. */
public final class LoadedHandler {

    private LoadedHandler() {}

    /**
     * The one handler of {@code type} on the class path.
     *
     * @throws IllegalStateException when none or several providers serve the type
     */
    public static TaskHandler<?> of(String type) {
        List<TaskHandler<?>> found = ServiceLoader.load(TaskHandlerProvider.class).stream()
                .<TaskHandler<?>>map(p -> p.get().create(new HandlerSettings(EgressPolicy.publicOnly())))
                .filter(h -> h.type().equals(type))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " handlers registered for type '" + type + "'");
        }
        return found.get(0);
    }
}
