package io.kronforce.controller.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored job. {@code spec} holds every user-editable field in its wire form (name excluded),
 * already validated and normalised; identity, status and bookkeeping live beside it.
 *
 * @param webhookPrefix the first characters of the job's webhook token (null: no webhook); the
 *                      token itself is never stored
 */
public record Job(
        String id,
        String name,
        ObjectNode spec,
        JobStatus status,
        String createdBy,
        long createdAtMs,
        long updatedAtMs,
        int version,
        String webhookPrefix) {

    public String group() {
        return spec.path("group").asText("Default");
    }

    public ObjectNode task() {
        return (ObjectNode) spec.get("task");
    }

    public Integer timeoutSecs() {
        return spec.hasNonNull("timeout_secs") ? spec.get("timeout_secs").asInt() : null;
    }

    /** Whether the job runs on the controller itself: no target, a null one, or {@code local}. */
    public boolean runsLocally() {
        return isLocalTarget(spec.get("target"));
    }

    /** Whether a {@code target} value names the controller itself (null, absent, or {@code local}). */
    public static boolean isLocalTarget(com.fasterxml.jackson.databind.JsonNode target) {
        return target == null || target.isNull() || "local".equals(target.path("type").asText());
    }

    public String runAs() {
        return spec.hasNonNull("run_as") ? spec.get("run_as").asText() : null;
    }
}
