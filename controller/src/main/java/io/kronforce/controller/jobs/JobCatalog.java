package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.GroupScope;
import io.kronforce.controller.domain.Ids;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.StoreConflictException;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.listing.JobQuery;
import io.kronforce.controller.domain.listing.JobVersion;
import io.kronforce.controller.domain.spec.JobSpec;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.journal.Journal;
import io.kronforce.controller.schedule.ScheduleChanges;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.JobStore;
import io.kronforce.worker.host.HandlerCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creating, changing and removing jobs. Each change is one transaction: the job row (with its next
 * fire where {@link CommittedPlans} can tell it), its version snapshot, its event and its audit row
 * commit together or not at all.
 */
public final class JobCatalog {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private final Database db;
    private final JobStore jobs;
    private final JobSpecs specs;
    private final Journal journal;
    private final InstantSource clock;
    private volatile ScheduleChanges scheduler = ScheduleChanges.NONE;
    private final PausedSlots pausedSlots;

    /** @param executions where a resume records the slots the job did not fire while paused */
    public JobCatalog(
            Database db,
            JobStore jobs,
            ExecutionStore executions,
            HandlerCatalog handlers,
            Journal journal,
            InstantSource clock) {
        this.db = db;
        this.pausedSlots = new PausedSlots(executions);
        this.jobs = jobs;
        this.specs = new JobSpecs(handlers);
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Adds a listener told after each committed change (the scheduler re-plans the job at once;
     * the event trigger index refreshes it). Listeners are called in the order added.
     */
    public synchronized void listen(ScheduleChanges changes) {
        ScheduleChanges before = this.scheduler;
        this.scheduler = before == ScheduleChanges.NONE
                ? changes
                : new ScheduleChanges() {
                    @Override
                    public void jobChanged(String id) {
                        before.jobChanged(id);
                        changes.jobChanged(id);
                    }

                    @Override
                    public void jobSaved(Job saved, Long plannedFireMs) {
                        before.jobSaved(saved, plannedFireMs);
                        changes.jobSaved(saved, plannedFireMs);
                    }
                };
    }

    public Job create(Principal actor, ObjectNode body) {
        String name = JobSpecs.name(body);
        JobSpec spec = specs.spec(body);
        checkScope(actor, spec, List.of());
        long now = clock.millis();
        Job job = new Job(Ids.newId(), name, spec, JobStatus.SCHEDULED, actor.keyId(), now, now, 1, null);
        Long firstFire = CommittedPlans.forNewJob(spec, now);
        Event event = writeChange(job.name(), c -> {
            checkDependencies(c, job.id(), spec.dependencyIds());
            jobs.insert(c, job, firstFire);
            jobs.insertVersion(c, job, actor.keyId(), actor.keyName(), now);
            journal.audit().record(c, actor, "job.created", "job", job.id(), job.name());
            return journal.events()
                    .write(
                            c,
                            actor,
                            EventKind.JOB_CREATED,
                            "info",
                            "Job '" + name + "' created",
                            EventLog.Subject.job(job.id()))
                    .orElseThrow();
        });
        journal.events().publish(List.of(event));
        scheduler.jobSaved(job, firstFire);
        return job;
    }

    /**
     * Applies the non-null fields of {@code body} (plus {@code status}) to the stored job.
     * {@code if_unmodified_since} more than a second away from the stored update time → 409
     * ({@link JobPatch} reads the request).
     */
    public Job update(Principal actor, String id, ObjectNode body) {
        Job current = require(actor, id);
        JobPatch.checkUnmodifiedSince(body, current);
        String name = body.hasNonNull("name") ? JobSpecs.name(body) : current.name();
        JobStatus status = JobPatch.status(body).orElse(current.status());
        return save(actor, current, new Change(name, JobPatch.merged(current, body), status, "job.updated", ""));
    }

    /**
     * A new definition for a stored job, written as an update: validated as one, saved as the next
     * version, audited under {@code change.operation()} with the diff after {@code change.note()}.
     */
    record Change(String name, ObjectNode definition, JobStatus status, String operation, String note) {}

    Job save(Principal actor, Job current, Change change) {
        String id = current.id();
        String name = change.name();
        JobSpec spec = specs.spec(change.definition());
        checkScope(actor, spec, current.spec().dependencyIds());
        JobStatus status = change.status();
        long now = clock.millis();
        Job next = new Job(
                id,
                name,
                spec,
                status,
                current.createdBy(),
                current.createdAtMs(),
                now,
                current.version() + 1,
                current.webhookPrefix());
        String diff = change.note() + JobDiff.describe(current, next);
        Long plannedFire = status == JobStatus.SCHEDULED ? CommittedPlans.forChangedJob(spec, now) : null;
        Event event = writeChange(name, c -> {
            checkDependencies(c, id, spec.dependencyIds());
            if (!jobs.update(c, next, current.version(), plannedFire)) {
                throw new KronforceException.Conflict(
                        ProblemType.STALE_VERSION, "job was modified by another user — reload and try again");
            }
            jobs.insertVersion(c, next, actor.keyId(), actor.keyName(), now);
            pausedSlots.record(c, current, next, now);
            journal.audit().record(c, actor, change.operation(), "job", id, diff);
            return journal.events()
                    .write(
                            c,
                            actor,
                            EventKind.JOB_UPDATED,
                            "info",
                            "Job '" + name + "' updated",
                            new EventLog.Subject(id, null, null, diff))
                    .orElseThrow();
        });
        journal.events().publish(List.of(event));
        scheduler.jobSaved(next, plannedFire);
        return next;
    }

    public void delete(Principal actor, String id) {
        Job job = require(actor, id);
        Event event = db.write(c -> {
            if (!jobs.delete(c, id)) {
                throw notFound();
            }
            journal.audit().record(c, actor, "job.deleted", "job", id, job.name());
            return journal.events()
                    .write(
                            c,
                            actor,
                            EventKind.JOB_DELETED,
                            "warning",
                            "Job '" + job.name() + "' deleted",
                            EventLog.Subject.job(id))
                    .orElseThrow();
        });
        journal.events().publish(List.of(event));
        scheduler.jobChanged(id);
    }

    public Job require(String id) {
        return jobs.findById(id).orElseThrow(JobCatalog::notFound);
    }

    public Optional<Job> find(String id) {
        return jobs.findById(id);
    }

    /** The job, if it exists and is in {@code who}'s groups: out of scope answers as missing (404, not 403). */
    public Job require(Principal who, String id) {
        return find(who, id).orElseThrow(JobCatalog::notFound);
    }

    /** The job, if it exists and is in {@code who}'s groups. */
    public Optional<Job> find(Principal who, String id) {
        GroupScope scope = who.scope();
        return jobs.findById(id).filter(j -> scope.admits(j.group()));
    }

    /** The job with exactly this name (names are unique). */
    public Optional<Job> findByName(String name) {
        return jobs.findByName(name);
    }

    /**
     * Checks a new job's definition exactly as {@link #create} would — name, fields, task type,
     * schedule, dependencies and cycles — and stores nothing; returns the normalised definition.
     */
    public ObjectNode validate(ObjectNode body) {
        JobSpecs.name(body);
        JobSpec spec = specs.spec(body);
        db.read(c -> {
            checkDependencies(c, Ids.newId(), spec.dependencyIds());
            return null;
        });
        return spec.toJson();
    }

    /** A page of the jobs {@code who} may see. */
    public Page<Job> list(Principal who, JobQuery query) {
        return jobs.list(query.within(who.scope()));
    }

    public List<JobVersion> versions(Principal who, String id) {
        require(who, id);
        return jobs.versions(id);
    }

    /**
     * An exported job (upstream's Job shape; {@code version} is ours) checked exactly as a create
     * checks it, with its id, status, creator, times and version kept.
     */
    public Job restorable(ObjectNode exported) {
        JsonNode id = exported.get("id");
        SpecFields.requireType(id != null && id.isTextual(), "id", "a string");
        if (!UUID.matcher(id.asText()).matches()) {
            throw new KronforceException.InvalidInput("/id", "id must be a lowercase hyphenated UUID");
        }
        String name = JobSpecs.name(exported);
        JobSpec spec = specs.spec(exported);
        JobStatus status = JobPatch.status(exported).orElse(JobStatus.SCHEDULED);
        JsonNode createdBy = exported.get("created_by");
        SpecFields.requireType(
                createdBy == null || createdBy.isNull() || createdBy.isTextual(), "created_by", "a string");
        long now = clock.millis();
        JsonNode version = exported.get("version");
        SpecFields.requireType(
                version == null || version.isNull() || version.canConvertToInt(), "version", "an integer");
        return new Job(
                id.asText(),
                name,
                spec,
                status,
                createdBy == null || createdBy.isNull() ? null : createdBy.asText(),
                time(exported, "created_at", now),
                time(exported, "updated_at", now),
                version == null || version.isNull() ? 1 : Math.max(1, version.asInt()),
                null);
    }

    private static long time(ObjectNode exported, String field, long fallback) {
        JsonNode v = exported.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        SpecFields.requireType(v.isTextual(), field, "an RFC 3339 timestamp");
        return Times.parse(v.asText())
                .orElseThrow(() ->
                        new KronforceException.InvalidInput("/" + field, field + " must be an RFC 3339 timestamp"));
    }

    /**
     * Writes a restored job in the caller's transaction. A new job is stored as it was exported,
     * with its exported versions (or, when none came, one for its current spec); a job that exists
     * takes the exported definition as its next version, as an edit would, so its history stays
     * whole. Dependencies are checked by {@link #checkRestored} once every job of the import is in.
     */
    public void restore(Connection c, Principal actor, Job job, List<JobVersion> versions) throws SQLException {
        Optional<Job> current = jobs.findById(c, job.id());
        if (current.isEmpty()) {
            jobs.insert(c, job, null);
            for (JobVersion v : versions) {
                // A version past the job's own (an export read while the job was edited) would
                // collide with the job's next edit: the job row is what counts.
                if (v.version() <= job.version()) {
                    jobs.restoreVersion(c, job.id(), v);
                }
            }
            if (versions.stream().noneMatch(v -> v.version() == job.version())) {
                jobs.insertVersion(c, job, actor.keyId(), actor.keyName(), job.updatedAtMs());
            }
            return;
        }
        Job was = current.get();
        long now = clock.millis();
        Job next = new Job(
                job.id(),
                job.name(),
                job.spec(),
                job.status(),
                was.createdBy(),
                was.createdAtMs(),
                now,
                was.version() + 1,
                was.webhookPrefix());
        jobs.update(c, next, was.version(), null);
        jobs.insertVersion(c, next, actor.keyId(), actor.keyName(), now);
    }

    /** Checks a restored job's dependencies (they exist, no cycle) in the caller's transaction. */
    public void checkRestored(Connection c, Job job) throws SQLException {
        checkDependencies(c, job.id(), job.spec().dependencyIds());
    }

    /**
     * Tells the listeners (scheduler, cascade, event triggers, SLA timer) that these jobs changed
     * in a committed write that was not the catalogue's own: an import or a delete-all.
     */
    public void changedElsewhere(Collection<String> ids) {
        ids.forEach(scheduler::jobChanged);
    }

    private <T> T writeChange(String name, io.kronforce.controller.database.SqlFunction<T> work) {
        try {
            return db.write(work);
        } catch (StoreConflictException e) {
            throw new KronforceException.Conflict(ProblemType.DUPLICATE_NAME, "job name '" + name + "' already exists");
        }
    }

    /**
     * A scoped caller keeps its jobs inside its groups: the job's group must be one of them (403 otherwise), and
     * a dependency it adds must be a job it can see (the same 400 as a missing one, so nothing outside is
     * revealed). Dependencies the job already had stay, whoever set them.
     */
    private void checkScope(Principal actor, JobSpec spec, List<String> kept) {
        GroupScope scope = actor.scope();
        if (scope.unrestricted()) {
            return;
        }
        scope.require(spec.group());
        for (String dep : spec.dependencyIds()) {
            if (!kept.contains(dep) && find(actor, dep).isEmpty()) {
                throw new KronforceException.InvalidInput("/depends_on", "dependency job '" + dep + "' not found");
            }
        }
    }

    private void checkDependencies(Connection c, String id, List<String> ids) throws SQLException {
        for (String dep : ids) {
            if (!jobs.exists(c, dep)) {
                throw new KronforceException.InvalidInput("/depends_on", "dependency job '" + dep + "' not found");
            }
        }
        if (!ids.isEmpty()) {
            Dependencies.requireAcyclic(id, ids, jobs.dependencyGraph(c));
        }
    }

    public static KronforceException notFound() {
        return new KronforceException.NotFound(ProblemType.JOB_NOT_FOUND, "job not found");
    }
}
