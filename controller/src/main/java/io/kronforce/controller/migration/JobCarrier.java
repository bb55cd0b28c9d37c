package io.kronforce.controller.migration;

import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.spec.Schedule;
import io.kronforce.controller.jobs.JobImports;
import io.kronforce.controller.store.JobStore;
import io.kronforce.controller.store.WebhookStore;
import io.kronforce.controller.store.upstream.UpstreamRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Jobs with their version history and webhook tokens. Each job and each version is checked as a
 * create would check it; a job whose dependency was not carried is not carried either (it could
 * never be satisfied). Job ids are kept, so executions, dependencies and agents' work still match.
 */
final class JobCarrier {
    // Ours: 32 hex characters (firing.Webhooks); a token of another form could never be presented here.
    private static final Pattern WEBHOOK_TOKEN = Pattern.compile("[0-9a-f]{32}");

    private final JobImports imports;
    private final JobStore jobs;
    private final WebhookStore webhooks;
    private final MigrationReport report;

    JobCarrier(JobImports imports, JobStore jobs, WebhookStore webhooks, MigrationReport report) {
        this.imports = imports;
        this.jobs = jobs;
        this.webhooks = webhooks;
        this.report = report;
    }

    /** The writes for every job that passes; {@code carriedIds} receives their ids. */
    List<Write> plan(
            List<UpstreamRows.Job> rows, List<UpstreamRows.JobVersion> versions, Set<String> carriedIds, long nowMs) {
        Map<String, List<UpstreamRows.JobVersion>> byJob = new LinkedHashMap<>();
        versions.forEach(
                v -> byJob.computeIfAbsent(v.jobId(), k -> new ArrayList<>()).add(v));
        Map<String, Job> accepted = new LinkedHashMap<>();
        Map<String, UpstreamRows.Job> sources = new LinkedHashMap<>();
        for (UpstreamRows.Job row : rows) {
            List<UpstreamRows.JobVersion> history = byJob.getOrDefault(row.id(), List.of());
            int version = history.stream()
                    .mapToInt(UpstreamRows.JobVersion::version)
                    .max()
                    .orElse(1);
            try {
                JobStatus status = JobStatus.parse(row.status()).orElseGet(() -> {
                    report.note("job '" + row.name() + "': unknown status '" + row.status() + "', carried paused");
                    return JobStatus.PAUSED;
                });
                long created = UpstreamValues.time(row.createdAt(), 0L);
                Job job = imports.job(
                        JobMapping.body(row),
                        new JobImports.Identity(
                                row.id(), row.createdBy(), created, UpstreamValues.time(row.updatedAt(), created)),
                        status,
                        Math.max(version, 1));
                job = withoutSpentOneShot(job, nowMs);
                accepted.put(job.id(), job);
                sources.put(job.id(), row);
            } catch (KronforceException | IllegalArgumentException e) {
                report.notCarried("job", row.name(), e.getMessage());
            }
        }
        dropUnsatisfiable(accepted);
        List<Write> writes = new ArrayList<>();
        for (Job job : accepted.values()) {
            carriedIds.add(job.id());
            writes.add(c -> jobs.insert(c, job));
            report.carried("jobs");
            writes.addAll(versions(job, byJob.getOrDefault(job.id(), List.of())));
            webhook(job, sources.get(job.id()).webhookToken()).ifPresent(writes::add);
        }
        return writes;
    }

    /**
     * A scheduled one-shot whose time has passed would fire at this controller's first start (a
     * new job's plan runs a past one-shot at once); upstream has had its chance to run it, so it is
     * carried unscheduled instead, and said so.
     */
    private Job withoutSpentOneShot(Job job, long nowMs) {
        if (job.status() != JobStatus.SCHEDULED
                || !(job.spec().schedule() instanceof Schedule.OneShot once)
                || Instant.parse(once.at()).toEpochMilli() > nowMs) {
            return job;
        }
        report.note("job '" + job.name() + "': its one-shot time " + once.at()
                + " has passed; carried unscheduled so that it does not run again");
        return new Job(
                job.id(),
                job.name(),
                job.spec(),
                JobStatus.UNSCHEDULED,
                job.createdBy(),
                job.createdAtMs(),
                job.updatedAtMs(),
                job.version(),
                job.webhookPrefix());
    }

    /** Removes, until none is left, every job that depends on a job not carried. */
    private void dropUnsatisfiable(Map<String, Job> accepted) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Job job : List.copyOf(accepted.values())) {
                for (String dep : job.spec().dependencyIds()) {
                    if (!accepted.containsKey(dep)) {
                        accepted.remove(job.id());
                        report.notCarried("job", job.name(), "it depends on job " + dep + ", which was not carried");
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    /**
     * Each upstream version that passes the checks, under its own number; then the current
     * definition under the job's version number if no carried version holds it.
     */
    private List<Write> versions(Job job, List<UpstreamRows.JobVersion> history) {
        List<Write> writes = new ArrayList<>();
        Set<Integer> carried = new HashSet<>();
        for (UpstreamRows.JobVersion v : history) {
            long at = UpstreamValues.time(v.createdAt(), job.updatedAtMs());
            try {
                Job snapshot = imports.job(
                        JobMapping.versionBody(v.snapshotJson(), job.name()),
                        new JobImports.Identity(job.id(), job.createdBy(), job.createdAtMs(), at),
                        job.status(),
                        v.version());
                writes.add(c -> jobs.insertVersion(c, snapshot, v.changedByKeyId(), v.changedByName(), at));
                carried.add(v.version());
                report.carried("job versions");
            } catch (KronforceException | IllegalArgumentException e) {
                report.notCarried("job version", job.name() + " v" + v.version(), e.getMessage());
            }
        }
        if (!carried.contains(job.version())) {
            writes.add(c -> jobs.insertVersion(c, job, job.createdBy(), null, job.updatedAtMs()));
        }
        return writes;
    }

    private java.util.Optional<Write> webhook(Job job, String token) {
        if (token == null || token.isBlank()) {
            return java.util.Optional.empty();
        }
        if (!WEBHOOK_TOKEN.matcher(token).matches()) {
            report.notCarried("webhook", job.name(), "its token is not 32 hex characters; issue a new one");
            return java.util.Optional.empty();
        }
        report.carried("webhooks");
        return java.util.Optional.of(c -> webhooks.replace(c, job.id(), ApiKeys.hash(token), token.substring(0, 8)));
    }
}
