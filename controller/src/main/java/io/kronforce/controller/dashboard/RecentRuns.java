package io.kronforce.controller.dashboard;

import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.store.DashboardStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last ten statuses of each job, for colouring the dependency map and the job list's history dots. */
public final class RecentRuns {
    static final int PER_JOB = 10;
    /** Most job ids one request may name; the UI asks for the jobs it shows. */
    public static final int MAX_IDS = 500;

    /** One run: its status and when it started (null when it never did, e.g. skipped). */
    public record Run(String status, Long startedAtMs) {}

    private final DashboardStore store;
    private final JobCatalog jobs;

    public RecentRuns(DashboardStore store, JobCatalog jobs) {
        this.store = store;
        this.jobs = jobs;
    }

    /**
     * Newest first per job; {@code jobIds} empty means every job (upstream's answer), otherwise
     * only those (unknown ids are simply absent).
     */
    public Map<String, List<Run>> of(Principal who, List<String> jobIds) {
        if (jobIds.size() > MAX_IDS) {
            throw new KronforceException.InvalidInput("job_ids", "at most " + MAX_IDS + " job ids per request");
        }
        Map<String, List<Run>> out = new LinkedHashMap<>();
        store.recentStatuses(jobIds, PER_JOB).entrySet().stream()
                .filter(e ->
                        who.scope().unrestricted() || jobs.find(who, e.getKey()).isPresent())
                .forEach(e -> out.put(
                        e.getKey(),
                        e.getValue().stream()
                                .map(r -> new Run(r.status(), r.startedAtMs()))
                                .toList()));
        return out;
    }
}
