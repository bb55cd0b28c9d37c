package io.kronforce.controller.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.spec.JobSpec;

/**
 * A stored job. {@code spec} holds every user-editable field (name excluded), already validated
 * and normalised; identity, status and bookkeeping live beside it.
 *
 * @param webhookPrefix the first characters of the job's webhook token (null: no webhook); the
 *                      token itself is never stored
 */
public record Job(
        String id,
        String name,
        JobSpec spec,
        JobStatus status,
        String createdBy,
        long createdAtMs,
        long updatedAtMs,
        int version,
        String webhookPrefix) {

    public String group() {
        return spec.group();
    }

    public ObjectNode task() {
        return spec.task();
    }

    public Integer timeoutSecs() {
        return spec.timeoutSecs();
    }

    /** Whether the job runs on the controller itself: no target, a null one, or {@code local}. */
    public boolean runsLocally() {
        return spec.runsLocally();
    }

    public String runAs() {
        return spec.runAs();
    }
}
