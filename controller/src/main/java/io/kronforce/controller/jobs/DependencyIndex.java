package io.kronforce.controller.jobs;

import io.kronforce.controller.domain.Job;
import io.kronforce.controller.schedule.ScheduleChanges;
import io.kronforce.controller.store.TriggerStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which jobs depend on which (the reverse of every {@code depends_on}), kept per job change so a
 * success costs no scan; and, durably, the successes whose dependents are still to be told. The
 * finish of a succeeded run of a job with dependents marks itself due in its own transaction
 * ({@link #markDue}); the cascade clears the mark once it fired ({@link #done}), so a crash between
 * the two leaves a mark that start-up finds. Thread-safe: the maps are concurrent and changed under
 * this object's lock.
 */
public final class DependencyIndex implements ScheduleChanges {
    private final Map<String, Set<String>> dependents = new ConcurrentHashMap<>();
    private final Map<String, List<String>> parents = new ConcurrentHashMap<>();

    private final TriggerStore store;
    private final JobCatalog jobs;

    public DependencyIndex(TriggerStore store, JobCatalog jobs) {
        this.store = store;
        this.jobs = jobs;
    }

    /** Builds the index from the database (start-up). */
    public DependencyIndex load() {
        store.dependencies().forEach(this::link);
        return this;
    }

    /** The jobs that list {@code jobId} in their {@code depends_on}. */
    public Set<String> dependentsOf(String jobId) {
        return dependents.getOrDefault(jobId, Set.of());
    }

    /** Inside the transaction that records a success: marks it due when its job has dependents. */
    public void markDue(Connection c, String jobId, String executionId, long atMs) throws SQLException {
        if (dependents.containsKey(jobId)) {
            store.markCascadeDue(c, executionId, atMs);
        }
    }

    /** The cascade of {@code executionId} has fired what it had to. */
    public void done(String executionId) {
        store.cascadeDone(executionId);
    }

    /** Successes whose cascade a stop interrupted, oldest first. */
    public List<String> due() {
        return store.cascadesDue();
    }

    /** Whether {@code jobId} already holds a run fired by the cascade of {@code parentExecutionId}. */
    public boolean firedBy(String jobId, String parentExecutionId) {
        return store.firedBy(jobId, parentExecutionId);
    }

    /**
     * A saved job without dependencies that this index does not hold needs no re-link: a create of
     * an independent job costs no read and no lock. Anything else is re-read under the lock, so two
     * racing edits of one job leave the index as the later one stored it.
     */
    @Override
    public void jobSaved(Job saved, Long plannedFireMs) {
        if (!saved.spec().dependencyIds().isEmpty() || parents.containsKey(saved.id())) {
            jobChanged(saved.id());
        }
    }

    @Override
    public synchronized void jobChanged(String jobId) {
        List<String> old = parents.remove(jobId);
        if (old != null) {
            old.forEach(p -> dependents.computeIfPresent(p, (k, v) -> {
                v.remove(jobId);
                return v.isEmpty() ? null : v;
            }));
        }
        jobs.find(jobId).ifPresent(j -> link(jobId, j.spec().dependencyIds()));
    }

    private void link(String jobId, List<String> deps) {
        if (!deps.isEmpty()) {
            parents.put(jobId, deps);
            deps.forEach(p -> dependents
                    .computeIfAbsent(p, k -> ConcurrentHashMap.newKeySet())
                    .add(jobId));
        }
    }
}
