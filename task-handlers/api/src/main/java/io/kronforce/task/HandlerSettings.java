package io.kronforce.task;

import java.util.Objects;

/**
 * What the host hands every handler at creation.
 *
 * @param egress the outbound-address policy every network call must pass
 * @param taskEnvironment the environment every process a task starts begins with
 */
public record HandlerSettings(EgressPolicy egress, TaskEnvironment taskEnvironment) {
    public HandlerSettings {
        Objects.requireNonNull(egress, "egress");
        Objects.requireNonNull(taskEnvironment, "taskEnvironment");
    }

    /** Settings whose task environment is this process's, by the allow-list it names itself. */
    public HandlerSettings(EgressPolicy egress) {
        this(egress, TaskEnvironment.ofThisProcess());
    }
}
