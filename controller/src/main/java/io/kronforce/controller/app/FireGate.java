package io.kronforce.controller.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.store.TriggerStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The one check every fire path passes (manual trigger, scheduler, dependency cascade, event
 * trigger; SPEC §d.7): dependencies satisfied, unless skipped, and {@code max_concurrent} not
 * reached. A refusal is never silent (fixing SPEC §p.17): the caller records the execution as
 * {@code skipped} with the reason in stderr, plus an {@code execution.skipped} event. The check
 * reads through the writer's connection so it and the row it admits commit atomically — two
 * concurrent triggers cannot both slip under the limit. Stateless and thread-safe.
 */
public final class FireGate {
    private final TriggerStore store;
    private final EventLog events;

    public FireGate(TriggerStore store, EventLog events) {
        this.store = store;
        this.events = events;
    }

    /** Why {@code job} may not fire at {@code nowMs}, or empty when it may. */
    public Optional<String> refusal(Connection c, Job job, boolean skipDeps, long nowMs) throws SQLException {
        if (!skipDeps) {
            for (JsonNode d : job.spec().path("depends_on")) {
                String id = d.path("job_id").asText();
                if (!satisfied(store.latest(c, id), d.get("within_secs"), nowMs)) {
                    return Optional.of("dependency '" + name(c, id) + "' has not succeeded"
                            + (within(d.get("within_secs")) ? " within " + d.get("within_secs").asLong() + "s" : ""));
                }
            }
        }
        int max = job.spec().path("max_concurrent").asInt(0);
        if (max > 0 && store.active(c, job.id()) >= max) {
            return Optional.of("max_concurrent " + max + " reached");
        }
        return Optional.empty();
    }

    /** Whether every dependency of {@code job} holds now (the cascade's precondition, and the job view). */
    public boolean depsSatisfied(Job job, long nowMs) {
        for (JsonNode d : job.spec().path("depends_on")) {
            if (!satisfied(d.path("job_id").asText(), d.get("within_secs"), nowMs)) {
                return false;
            }
        }
        return true;
    }

    /** One dependency: its latest execution succeeded, within the window when one is set. */
    public boolean satisfied(String jobId, JsonNode withinSecs, long nowMs) {
        return satisfied(store.latest(jobId), withinSecs, nowMs);
    }

    private static boolean satisfied(Optional<TriggerStore.Latest> latest, JsonNode withinSecs, long nowMs) {
        if (latest.isEmpty() || latest.get().status() != ExecutionStatus.SUCCEEDED) {
            return false;
        }
        if (!within(withinSecs) || latest.get().finishedAtMs() == null) {
            return true;
        }
        // A finish in the future (clock skew between controllers) counts as |Δ| elapsed, as upstream.
        return Math.abs(nowMs - latest.get().finishedAtMs()) <= withinSecs.asLong() * 1000;
    }

    private static boolean within(JsonNode withinSecs) {
        return withinSecs != null && !withinSecs.isNull();
    }

    private String name(Connection c, String jobId) throws SQLException {
        return store.name(c, jobId).orElse(jobId);
    }

    /** The refused run as it is stored: {@code skipped}, finished at once, the reason in stderr. */
    public static Execution skipped(Execution row, String reason, long nowMs) {
        return new Execution(row.id(), row.jobId(), row.agentId(), row.taskSnapshot(), ExecutionStatus.SKIPPED, null,
                "", reason, false, false, null, nowMs, row.triggeredBy(), null, row.createdAtMs(), row.retryOf(),
                row.attemptNumber(), row.params(), row.scheduledForMs());
    }

    /** Writes the {@code execution.skipped} warning for a refused run, in the caller's transaction. */
    public Optional<Event> recordSkip(Connection c, Job job, Execution skipped) throws SQLException {
        return events.write(c, Principal.SYSTEM, "execution.skipped", "warning", "Job '" + job.name()
                + "' execution " + skipped.id() + " skipped: " + skipped.stderr(),
                new EventLog.Subject(job.id(), skipped.id(), null, null));
    }
}
