package io.kronforce.controller.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.spec.JobSpec;
import java.util.List;

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

    /** Spec fields upstream leaves out of a job's JSON when they are null. */
    private static final List<String> OMIT_WHEN_NULL =
            List.of("sla_deadline", "starts_at", "expires_at", "parameters", "timezone");

    /**
     * The job as upstream serialises it, in its field order and without what the API derives: what a
     * version snapshot stores (so a version carries the job's id, name and status, as upstream's do)
     * and the start of every JobResponse.
     */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id).put("name", name);
        ObjectNode fields = spec.toJson();
        for (String f : List.of("description", "task", "run_as", "schedule")) {
            out.set(f, fields.get(f));
        }
        out.put("status", status.wire());
        for (String f : List.of("timeout_secs", "depends_on", "target")) {
            out.set(f, fields.get(f));
        }
        out.put("created_by", createdBy);
        out.put("created_at", Times.format(createdAtMs)).put("updated_at", Times.format(updatedAtMs));
        fields.properties().forEach(f -> {
            if (!out.has(f.getKey()) && !(f.getValue().isNull() && OMIT_WHEN_NULL.contains(f.getKey()))) {
                out.set(f.getKey(), f.getValue());
            }
        });
        return out;
    }

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
