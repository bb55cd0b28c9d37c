package io.kronforce.task.shell;

import io.kronforce.task.TaskContext;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** Test context on the system clock with a {@link RecordingSink}. */
record TestContext(Optional<Instant> deadline, Optional<String> runAs, RecordingSink output) implements TaskContext {

    static TestContext plain() {
        return new TestContext(Optional.empty(), Optional.empty(), new RecordingSink());
    }

    static TestContext runningAs(String user) {
        return new TestContext(Optional.empty(), Optional.of(user), new RecordingSink());
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
