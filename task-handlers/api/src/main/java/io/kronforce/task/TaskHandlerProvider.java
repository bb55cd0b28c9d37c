package io.kronforce.task;

/** ServiceLoader entry point: one provider per task type, listed in {@code META-INF/services}. */
public interface TaskHandlerProvider {

    /** Builds the handler. Called once per process; must not block or start threads. */
    TaskHandler<?> create(HandlerSettings settings);
}
