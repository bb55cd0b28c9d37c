package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Job;

/**
 * A stored job in upstream's Job shape: what the API's JobResponse starts from and what an export
 * carries. Nothing derived from runs or the clock.
 */
public final class JobDocument {
    private JobDocument() {}

    /** Upstream's Job: the job's own fields in wire order, without what the API derives for it. */
    public static ObjectNode of(Job job) {
        ObjectNode out = job.toJson();
        // Upstream shows webhook_token and webhook_url to every reader; the token is a credential, shown
        // once when created and stored only as a hash, so a job shows which token it has by prefix.
        if (job.webhookPrefix() != null) {
            out.put("webhook_token_prefix", job.webhookPrefix());
        }
        return out;
    }
}
