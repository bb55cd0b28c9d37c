package io.kronforce.task.script;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.time.Duration;

/** Test helpers: handlers with loopback allowed or not, and one-line runs. */
final class Scripts {
    static final EgressPolicy LOOPBACK = EgressPolicy.parse("127.0.0.1/32");

    private Scripts() {}

    static ScriptTaskHandler handler() {
        return new ScriptTaskHandler(LOOPBACK, ScriptLimits.defaults());
    }

    static ScriptTaskHandler handler(EgressPolicy egress) {
        return new ScriptTaskHandler(egress, ScriptLimits.defaults());
    }

    /** A handler with a small allocation budget and string limit, to reach them quickly. */
    static ScriptTaskHandler tight(long allocationBytes, int stringChars, long outputChars) {
        return new ScriptTaskHandler(
                LOOPBACK,
                new ScriptLimits(
                        ScriptLimits.MAX_OPERATIONS,
                        allocationBytes,
                        stringChars,
                        outputChars,
                        Duration.ofSeconds(60)));
    }

    static ScriptTask inline(String source) {
        return new ScriptTask(null, source, null);
    }

    static TaskOutcome run(ScriptTaskHandler handler, String source, TestTaskContext ctx) throws InterruptedException {
        return handler.run(inline(source), ctx);
    }
}
