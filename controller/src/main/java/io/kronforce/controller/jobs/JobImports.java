package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.spec.JobSpec;
import io.kronforce.worker.host.HandlerCatalog;

/**
 * Job definitions that come from elsewhere than a request (an upstream database being migrated),
 * checked exactly as a create checks them — name, fields, task type against the installed handlers,
 * schedule — but keeping the identity and history they arrive with. Stores nothing.
 */
public final class JobImports {
    private final JobSpecs specs;

    public JobImports(HandlerCatalog handlers) {
        this.specs = new JobSpecs(handlers);
    }

    /** Who and when, as the source recorded them. */
    public record Identity(String id, String createdBy, long createdAtMs, long updatedAtMs) {}

    /**
     * The job {@code body} (upstream's wire form, with {@code name}) describes.
     *
     * @throws io.kronforce.controller.domain.KronforceException.InvalidInput when it would not be accepted by a create
     */
    public Job job(ObjectNode body, Identity identity, JobStatus status, int version) {
        String name = JobSpecs.name(body);
        JobSpec spec = specs.spec(body);
        return new Job(
                identity.id(),
                name,
                spec,
                status,
                identity.createdBy(),
                identity.createdAtMs(),
                identity.updatedAtMs(),
                version,
                null);
    }
}
