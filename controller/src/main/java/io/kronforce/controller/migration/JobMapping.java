package io.kronforce.controller.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.store.upstream.UpstreamRows;

/**
 * Upstream's job columns, and its version snapshots, as the create-job request body our checks
 * read ({@code io.kronforce.controller.jobs.JobImports}): same field names as upstream's wire form.
 */
final class JobMapping {
    private JobMapping() {}

    static ObjectNode body(UpstreamRows.Job row) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("name", row.name());
        b.put("description", row.description());
        b.set("task", task(row));
        b.put("run_as", row.runAs());
        b.set("schedule", UpstreamValues.json(row.scheduleJson()));
        b.put("timeout_secs", row.timeoutSecs());
        JsonNode deps = UpstreamValues.json(row.dependsOnJson());
        b.set("depends_on", deps == null ? b.arrayNode() : deps);
        b.set("target", UpstreamValues.json(row.targetJson()));
        b.set("output_rules", UpstreamValues.json(row.outputRulesJson()));
        b.set("notifications", UpstreamValues.json(row.notificationsJson()));
        b.put("group", row.groupName());
        b.put("retry_max", row.retryMax());
        b.put("retry_delay_secs", row.retryDelaySecs());
        b.put("retry_backoff", row.retryBackoff());
        b.put("approval_required", row.approvalRequired());
        b.put("priority", row.priority());
        b.put("sla_deadline", row.slaDeadline());
        b.put("sla_warning_mins", row.slaWarningMins());
        b.put("starts_at", row.startsAt());
        b.put("expires_at", row.expiresAt());
        b.put("max_concurrent", row.maxConcurrent());
        b.set("parameters", UpstreamValues.json(row.parametersJson()));
        b.put("timezone", row.timezone());
        // Null members read as "absent" to our checks, which then apply upstream's defaults.
        b.properties().removeIf(e -> e.getValue() == null || e.getValue().isNull());
        return b;
    }

    /** Upstream's oldest jobs have only the legacy {@code command} column: a shell task. */
    private static JsonNode task(UpstreamRows.Job row) {
        JsonNode task = UpstreamValues.json(row.taskJson());
        if (task != null && !task.isNull()) {
            return task;
        }
        if (row.command() != null && !row.command().isBlank()) {
            return JsonNodeFactory.instance.objectNode().put("type", "shell").put("command", row.command());
        }
        return null;
    }

    /** A version's snapshot (upstream's whole Job JSON) as a request body; the current name stands in when it lacks one. */
    static ObjectNode versionBody(String snapshotJson, String currentName) {
        if (!(UpstreamValues.json(snapshotJson) instanceof ObjectNode snapshot)) {
            throw new IllegalArgumentException("the snapshot is not a JSON object");
        }
        if (!snapshot.hasNonNull("name")) {
            snapshot.put("name", currentName);
        }
        snapshot.properties().removeIf(e -> e.getValue() == null || e.getValue().isNull());
        return snapshot;
    }
}
