package io.kronforce.controller.agents;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.exec.RunResult;
import io.kronforce.controller.store.AgentWorkStore;
import java.time.InstantSource;

/**
 * Ends a remote run as failed with a reason — a dispatch that failed, a function that answered
 * badly, an agent that refused — unless its work row was closed first (a result or a cancel won
 * the race). Closing the row first is what makes a late result from the agent a refused one.
 */
final class WorkCloser {
    private final Database db;
    private final AgentWorkStore work;
    private final RunListener listener;
    private final InstantSource clock;

    WorkCloser(Database db, AgentWorkStore work, RunListener listener, InstantSource clock) {
        this.db = db;
        this.work = work;
        this.listener = listener;
        this.clock = clock;
    }

    void close(String executionId, String reason) {
        if (db.write(c -> work.close(c, executionId))) {
            listener.finished(
                    executionId,
                    new RunResult(ExecutionStatus.FAILED, null, "", reason, false, false, clock.millis(), null));
        }
    }
}
