package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.Times;
import java.util.List;
import java.util.Optional;

/**
 * An update request read against the stored job: whether the caller saw the latest version, the
 * spec its non-null fields make, and the status it sets. Apart from {@link JobCatalog} because
 * an update is partial (upstream's PUT merges), while the catalog only ever writes whole jobs.
 */
final class JobPatch {
    /** Fields of an update body that are not part of the spec. */
    private static final List<String> NOT_SPEC = List.of("name", "status", "if_unmodified_since");

    private JobPatch() {}

    /** The stored spec with the body's non-null spec fields laid over it (not yet validated). */
    static ObjectNode merged(Job current, ObjectNode body) {
        ObjectNode merged = current.spec().toJson();
        body.properties().forEach(f -> {
            if (!f.getValue().isNull() && !NOT_SPEC.contains(f.getKey())) {
                merged.set(f.getKey(), f.getValue());
            }
        });
        return merged;
    }

    /** {@code if_unmodified_since} more than a second away from the stored update time → 409. */
    static void checkUnmodifiedSince(ObjectNode body, Job current) {
        JsonNode since = body.get("if_unmodified_since");
        if (since == null || since.isNull()) {
            return;
        }
        SpecFields.requireType(since.isTextual(), "if_unmodified_since", "an RFC 3339 string");
        long expected = Times.parse(since.asText())
                .orElseThrow(() -> new KronforceException.InvalidInput(
                        "/if_unmodified_since", "if_unmodified_since is not an RFC 3339 timestamp"));
        if (Math.abs(expected - current.updatedAtMs()) > 1000) {
            throw new KronforceException.Conflict(
                    ProblemType.STALE_VERSION, "job was modified by another user — reload and try again");
        }
    }

    /** The status the body sets, if any. */
    static Optional<JobStatus> status(ObjectNode body) {
        JsonNode v = body.get("status");
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        SpecFields.requireType(v.isTextual(), "status", "a string");
        return Optional.of(JobStatus.parse(v.asText())
                .orElseThrow(() -> new KronforceException.InvalidInput(
                        ProblemType.WRONG_SHAPE,
                        "unknown job status '" + v.asText() + "'",
                        List.of(new KronforceException.FieldError("/status", "scheduled, paused or unscheduled")))));
    }
}
