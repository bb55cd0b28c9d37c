package io.kronforce.controller.store;

import io.kronforce.controller.database.Json;
import io.kronforce.controller.domain.spec.JobSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed job specs by job id, reused while the stored text is the same: the scheduler and every
 * run read their job, and parsing its JSON each time cost more than the read. The text is the key's
 * check, so a changed, re-created or restored job is parsed afresh whatever its version says.
 * Bounded: past {@value #LIMIT} jobs it starts over. Callers treat a {@link JobSpec}'s JSON parts as
 * read-only (every copy out of it is a deep copy). Thread-safe.
 */
final class SpecCache {
    static final int LIMIT = 20_000;

    private record Parsed(String json, JobSpec spec) {}

    private final Map<String, Parsed> byJob = new ConcurrentHashMap<>();

    /** Takes a spec parsed elsewhere (the one being stored) as the parse of {@code json}. */
    void remember(String jobId, String json, JobSpec spec) {
        if (byJob.size() >= LIMIT) {
            byJob.clear();
        }
        byJob.put(jobId, new Parsed(json, spec));
    }

    JobSpec spec(String jobId, String json) {
        Parsed hit = byJob.get(jobId);
        if (hit != null && hit.json().equals(json)) {
            return hit.spec();
        }
        JobSpec spec = JobSpec.parse(Json.read(json));
        remember(jobId, json, spec);
        return spec;
    }
}
