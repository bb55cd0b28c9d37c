package io.kronforce.controller.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.listing.AuditEntry;
import io.kronforce.controller.domain.listing.StoredKey;
import io.kronforce.controller.resources.Variables;
import io.kronforce.controller.web.JsonIo;
import java.util.function.Function;

/** Domain records in upstream's wire shapes (shared by the REST and MCP front doors). */
public final class Views {
    private Views() {}

    public static ObjectNode execution(Execution e) {
        ObjectNode out = JsonIo.MAPPER.createObjectNode();
        out.put("id", e.id()).put("job_id", e.jobId()).put("agent_id", e.agentId());
        out.set("task_snapshot", e.taskSnapshot());
        out.put("status", e.status().wire()).put("exit_code", e.exitCode());
        out.put("stdout", e.stdout()).put("stderr", e.stderr());
        out.put("stdout_truncated", e.stdoutTruncated()).put("stderr_truncated", e.stderrTruncated());
        out.put("started_at", Times.formatNullable(e.startedAtMs()));
        out.put("finished_at", Times.formatNullable(e.finishedAtMs()));
        out.put("scheduled_for", Times.formatNullable(e.scheduledForMs())); // the cron slot; null for manual runs
        out.set("triggered_by", e.triggeredBy());
        out.set("extracted", e.extracted());
        out.put("retry_of", e.retryOf()).put("attempt_number", e.attemptNumber());
        if (e.params() != null) {
            out.set("params", e.params());
        }
        out.put("created_at", Times.format(e.createdAtMs()));
        return out;
    }

    public static ObjectNode event(Event e) {
        return JsonIo.MAPPER
                .createObjectNode()
                .put("id", e.id())
                .put("kind", e.kind())
                .put("severity", e.severity())
                .put("message", e.message())
                .put("job_id", e.jobId())
                .put("agent_id", e.agentId())
                .put("api_key_id", e.apiKeyId())
                .put("api_key_name", e.apiKeyName())
                .put("execution_id", e.executionId())
                .put("details", e.details())
                .put("timestamp", Times.format(e.timestampMs()));
    }

    public static ObjectNode key(StoredKey k) {
        ObjectNode out = JsonIo.MAPPER
                .createObjectNode()
                .put("id", k.id())
                .put("key_prefix", k.prefix())
                .put("name", k.name())
                .put("role", k.role().wire())
                .put("created_at", Times.format(k.createdAtMs()))
                .put("last_used_at", Times.formatNullable(k.lastUsedAtMs()))
                .put("active", k.active());
        if (!k.allowedGroups().isEmpty()) {
            k.allowedGroups().forEach(out.putArray("allowed_groups")::add);
        }
        if (!k.ipAllowlist().isEmpty()) {
            k.ipAllowlist().forEach(out.putArray("ip_allowlist")::add);
        }
        if (k.expiresAtMs() != null) {
            out.put("expires_at", Times.format(k.expiresAtMs()));
        }
        return out;
    }

    public static ObjectNode variable(Variables.View v) {
        ObjectNode out = JsonIo.MAPPER
                .createObjectNode()
                .put("name", v.name())
                .put("value", v.value())
                .put("updated_at", Times.format(v.updatedAtMs()))
                .put("secret", v.secret());
        if (v.expiresAtMs() != null) {
            out.put("expires_at", Times.format(v.expiresAtMs()));
        }
        return out;
    }

    public static ObjectNode audit(AuditEntry a) {
        return JsonIo.MAPPER
                .createObjectNode()
                .put("id", a.id())
                .put("timestamp", Times.format(a.timestampMs()))
                .put("actor_key_id", a.actorKeyId())
                .put("actor_key_name", a.actorKeyName())
                .put("operation", a.operation())
                .put("resource_type", a.resourceType())
                .put("resource_id", a.resourceId())
                .put("details", a.details())
                .put("via", io.kronforce.controller.access.Via.of(a.actorKeyName()));
    }

    public static <T> ObjectNode page(Page<T> page, Function<T, ? extends JsonNode> view) {
        ObjectNode out = JsonIo.MAPPER.createObjectNode();
        var data = out.putArray("data");
        page.data().forEach(item -> data.add(view.apply(item)));
        return out.put("total", page.total())
                .put("page", page.page())
                .put("per_page", page.perPage())
                .put("total_pages", page.totalPages());
    }

    /** An agent as upstream shows it (docs/reference/data-model.md). */
    public static ObjectNode agent(Agent a) {
        ObjectNode n = JsonIo.MAPPER.createObjectNode();
        n.put("id", a.id()).put("name", a.name());
        a.tags().forEach(n.putArray("tags")::add);
        n.put("hostname", a.hostname())
                .put("address", a.address())
                .put("port", a.port())
                .put("agent_type", a.agentType())
                .put("status", a.status())
                .put("last_heartbeat", Times.format(a.lastHeartbeatMs()))
                .put("registered_at", Times.format(a.registeredAtMs()));
        n.set("task_types", a.taskTypes());
        if (a.systemInfo() != null) {
            n.set("system_info", a.systemInfo());
        }
        if (a.tls()) {
            n.put("tls", true); // ours: the controller dials it with https
        }
        return n;
    }
}
