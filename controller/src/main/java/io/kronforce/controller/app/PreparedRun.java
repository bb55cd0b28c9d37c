package io.kronforce.controller.app;

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
 */
public record PreparedRun(Execution row, ObjectNode runTask, SecretMask mask, List<String> unresolved) {
    public PreparedRun {
        unresolved = List.copyOf(unresolved);
    }

    /** The same run resolved for a row that was stored earlier (approved, promoted from the queue, recovered). */
    PreparedRun forRow(Execution stored) {
        return new PreparedRun(stored, runTask, mask, unresolved);
    }
}
