package io.kronforce.task.http;

import io.kronforce.task.TaskContext;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** Test context on the system clock with a {@link RecordingSink}. */
record TestContext(Optional<Instant> deadline, RecordingSink output) implements TaskContext {

    static TestContext plain() {
        return new TestContext(Optional.empty(), new RecordingSink());
    }

    static TestContext withDeadline(Instant deadline) {
        return new TestContext(Optional.of(deadline), new RecordingSink());
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
    public Optional<String> runAs() {
        return Optional.empty();
    }

    @Override
    public InstantSource clock() {
        return InstantSource.system();
    }
}
