package io.kronforce.task.testkit;

import io.kronforce.task.TaskContext;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** A task context for handler tests: system clock, optional deadline and user, a {@link RecordingSink}. */
public record TestTaskContext(Optional<Instant> deadline, Optional<String> runAs, RecordingSink output)
        implements TaskContext {

    public static TestTaskContext plain() {
        return new TestTaskContext(Optional.empty(), Optional.empty(), new RecordingSink());
    }

    public static TestTaskContext withDeadline(Instant deadline) {
        return new TestTaskContext(Optional.of(deadline), Optional.empty(), new RecordingSink());
    }

    public static TestTaskContext runningAs(String user) {
        return new TestTaskContext(Optional.empty(), Optional.of(user), new RecordingSink());
    }

    @Override
    public String executionId() {
        return "00000000-0000-0000-0000-000000000001";
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public InstantSource clock() {
        return InstantSource.system();
    }
}
