package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.listing.JobVersion;
import io.kronforce.controller.store.JobStore;
import java.util.List;

/**
 * A job's stored versions: one of them, the difference between two, and restoring one. A restore
 * never rewrites history: the old definition is saved as the next version, through the same
 * validation, transaction, event and audit as an update.
 */
public final class JobVersions {
    /** Snapshot members that describe the stored row, not the definition a restore brings back. */
    private static final List<String> NOT_DEFINITION =
            List.of("id", "name", "status", "created_by", "created_at", "updated_at");

    private final JobCatalog catalog;
    private final JobStore jobs;

    public JobVersions(JobCatalog catalog, JobStore jobs) {
        this.catalog = catalog;
        this.jobs = jobs;
    }

    public JobVersion get(Principal who, String jobId, int version) {
        catalog.require(who, jobId);
        return jobs.version(jobId, version).orElseThrow(() -> notFound(version));
    }

    /** Fields that differ from {@code from} to {@code to}; {@code to} null means the latest version. */
    public VersionDiff diff(Principal who, String jobId, int from, Integer to) {
        Job job = catalog.require(who, jobId);
        int target = to == null ? job.version() : to;
        JobVersion before = jobs.version(jobId, from).orElseThrow(() -> notFound(from));
        JobVersion after = jobs.version(jobId, target).orElseThrow(() -> notFound(target));
        return VersionDiff.between(from, before.snapshot(), target, after.snapshot());
    }

    /**
     * Saves version {@code version}'s definition and name as the job's next version. The status is
     * left as it is: pausing is something done to a job, not part of what a version defines.
     * {@code if_unmodified_since} in {@code body} guards against a concurrent edit, as on an update.
     */
    public Job restore(Principal actor, String jobId, int version, ObjectNode body) {
        Job current = catalog.require(actor, jobId);
        JobPatch.checkUnmodifiedSince(body, current);
        JsonNode snapshot = jobs.version(jobId, version)
                .orElseThrow(() -> notFound(version))
                .snapshot();
        ObjectNode definition = snapshot.deepCopy();
        definition.remove(NOT_DEFINITION);
        String name = snapshot.hasNonNull("name") ? JobSpecs.name(snapshot) : current.name();
        return catalog.save(
                actor,
                current,
                new JobCatalog.Change(
                        name, definition, current.status(), "job.restored", "restored version " + version + ": "));
    }

    private static KronforceException notFound(int version) {
        return new KronforceException.NotFound(ProblemType.VERSION_NOT_FOUND, "job version " + version + " not found");
    }
}
