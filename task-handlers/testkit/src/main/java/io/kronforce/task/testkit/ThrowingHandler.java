package io.kronforce.task.testkit;

import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;

/**
 * A task handler with a bug, for the tests of the places that run handlers: its task
 * {@code {"type":"throwing","error":…}} throws, instead of returning an outcome, the throwable its
 * {@code error} names — {@code stack-overflow}, {@code linkage} (a class of the plugin missing),
 * {@code out-of-memory}, {@code runtime}; anything else is an {@link AssertionError} with that text.
 * Not registered through ServiceLoader: a test builds its catalog with it.
 */
public record ThrowingHandler() implements TaskHandler<ThrowingHandler.Config> {
    public static final String TYPE = "throwing";

    /** @param error what to throw */
    public record Config(String type, String error) {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public TaskOutcome run(Config config, TaskContext ctx) {
        String error = config.error() == null ? "" : config.error();
        switch (error) {
            case "stack-overflow" -> throw new StackOverflowError();
            case "linkage" -> throw new NoClassDefFoundError("io/example/Missing");
            case "out-of-memory" -> throw new OutOfMemoryError("test: heap exhausted");
            case "runtime" -> throw new IllegalStateException("test: handler bug");
            default -> throw new AssertionError(error);
        }
    }
}
