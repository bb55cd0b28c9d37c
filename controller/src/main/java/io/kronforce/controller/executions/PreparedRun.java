package io.kronforce.controller.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.exec.SecretMask;
import java.util.List;

/**
 * A run resolved and ready to record and start (every trigger path).
 *
 * @param row the execution as it will be stored; its task snapshot keeps secret placeholders
 * @param runTask the task with every placeholder replaced, secrets included; never stored
 * @param mask hides the secret values in captured and live output
 * @param unresolved placeholder names that had no value (sorted); a run with any fails instead of starting
 * @param blocked why the run cannot start for another reason (its named connection is gone), or null
 */
public record PreparedRun(Execution row, ObjectNode runTask, SecretMask mask, List<String> unresolved, String blocked) {
    public PreparedRun {
        unresolved = List.copyOf(unresolved);
    }

    /** The same run resolved for another row (a retry's attempt row). */
    public PreparedRun forRow(Execution stored) {
        return new PreparedRun(stored, runTask, mask, unresolved, blocked);
    }
}
