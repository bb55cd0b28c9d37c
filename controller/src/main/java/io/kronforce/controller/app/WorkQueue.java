package io.kronforce.controller.app;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.store.AgentWorkStore;
import io.kronforce.controller.store.Database;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.worker.wire.QueueItem;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The pull side of the agent queue (SPEC §i.3): {@code GET /api/agent-queue/{id}/next?wait=N}.
 * A poll claims the agent's oldest pending item with one conditional UPDATE, or parks on the
 * agent's wakeup signal until work arrives or the wait is over. Requests run on Helidon's virtual
 * threads, so a thousand idle pollers are a thousand parked virtual threads. Thread-safe.
 */
public final class WorkQueue {
    private final Database db;
    private final AgentWorkStore work;
    private final ExecutionStore executions;
    private final JobCatalog jobs;
    private final Agents agents;
    private final RemoteRuns remote;
    private final Duration lease;
    private final InstantSource clock;

    /** What a queue needs; grouped so the constructor stays short. */
    public record Parts(Database db, AgentWorkStore work, ExecutionStore executions, JobCatalog jobs) {}

    public WorkQueue(Parts parts, Agents agents, RemoteRuns remote, Duration lease, InstantSource clock) {
        this.db = parts.db();
        this.work = parts.work();
        this.executions = parts.executions();
        this.jobs = parts.jobs();
        this.agents = agents;
        this.remote = remote;
        this.lease = lease;
        this.clock = clock;
    }

    /**
     * Claims the next item for the agent, waiting up to {@code wait} for one to arrive.
     *
     * @return the item, or empty when none came in time
     * @throws io.kronforce.controller.domain.KronforceException.NotFound for an unknown agent
     */
    public Optional<QueueItem> next(String agentId, Duration wait) throws InterruptedException {
        agents.seen(agentId);
        long deadline = System.nanoTime() + wait.toNanos();
        Wakeups wakeups = remote.wakeups();
        while (true) {
            long seen = wakeups.generation(agentId);
            Optional<QueueItem> item = claim(agentId);
            if (item.isPresent() || !wakeups.await(agentId, seen, deadline)) {
                return item;
            }
        }
    }

    private Optional<QueueItem> claim(String agentId) {
        while (true) {
            String token = Callbacks.newToken();
            long now = clock.millis();
            Optional<AgentWorkStore.Work> claimed = db.write(c -> {
                Optional<AgentWorkStore.Work> w = work.claimNext(c, agentId, token, now + lease.toMillis(), now);
                if (w.isPresent()) {
                    executions.markRunning(c, w.get().executionId(), now);
                }
                return w;
            });
            if (claimed.isEmpty()) {
                return Optional.empty();
            }
            Optional<QueueItem> item = item(claimed.get(), token);
            if (item.isPresent()) {
                return item;
            }
        }
    }

    /** The item for a claimed row; empty (and the row closed) when its execution or job is gone. */
    private Optional<QueueItem> item(AgentWorkStore.Work w, String token) {
        Optional<Execution> e = executions.findById(w.executionId());
        Optional<Job> job = e.flatMap(x -> jobs.find(x.jobId()));
        if (e.isEmpty() || job.isEmpty() || e.get().status().isTerminal()) {
            db.write(c -> work.close(c, w.executionId()));
            return Optional.empty();
        }
        PreparedRun run = remote.preparation().restore(e.get());
        return Optional.of(new QueueItem(w.id(), w.executionId(), w.jobId(), w.agentId(), RemoteRuns.asMap(run),
                job.get().runAs(), job.get().timeoutSecs(), remote.callbacks().url(token), w.attempt(),
                (int) lease.toSeconds()));
    }

    /** Items waiting for the agent (queue depth). */
    public long depth(String agentId) {
        return work.pendingFor(agentId);
    }
}
