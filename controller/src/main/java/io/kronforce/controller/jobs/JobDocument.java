package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Times;
import java.util.List;

/**
 * A stored job in upstream's Job shape: what the API's JobResponse starts from and what an export
 * carries. Nothing derived from runs or the clock.
 */
public final class JobDocument {
    private static final List<String> OMIT_WHEN_NULL =
            List.of("sla_deadline", "starts_at", "expires_at", "parameters", "timezone");

    private JobDocument() {}

    /** Upstream's Job: the job's own fields in wire order, without what the API derives for it. */
    public static ObjectNode of(Job job) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", job.id()).put("name", job.name());
        ObjectNode spec = job.spec().toJson();
        for (String f : List.of("description", "task", "run_as", "schedule")) {
            out.set(f, spec.get(f));
        }
        out.put("status", job.status().wire());
        for (String f : List.of("timeout_secs", "depends_on", "target")) {
            out.set(f, spec.get(f));
        }
        out.put("created_by", job.createdBy());
        out.put("created_at", Times.format(job.createdAtMs())).put("updated_at", Times.format(job.updatedAtMs()));
        spec.properties().forEach(f -> {
            if (!out.has(f.getKey()) && !(f.getValue().isNull() && OMIT_WHEN_NULL.contains(f.getKey()))) {
                out.set(f.getKey(), f.getValue());
            }
        });
        // Upstream shows webhook_token and webhook_url to every reader; the token is a credential, shown
        // once when created and stored only as a hash, so a job shows which token it has by prefix.
        if (job.webhookPrefix() != null) {
            out.put("webhook_token_prefix", job.webhookPrefix());
        }
        return out;
    }
}
