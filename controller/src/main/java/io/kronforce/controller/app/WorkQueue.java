package io.kronforce.controller.app;

import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.store.AgentWorkStore;
import io.kronforce.controller.store.Database;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.worker.wire.QueueItem;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
        Agent agent = agents.require(agentId);
        AgentWorkStore.Claimant claimant = new AgentWorkStore.Claimant(agentId, Pools.servedBy(agent),
                Pools.takenBy(agent));
        long deadline = System.nanoTime() + wait.toNanos();
        Wakeups wakeups = remote.wakeups();
        while (true) {
            long seen = wakeups.generation(agentId);
            Optional<QueueItem> item = claim(claimant);
            if (item.isPresent() || !wakeups.await(agentId, seen, deadline)) {
                return item;
            }
        }
    }

    private Optional<QueueItem> claim(AgentWorkStore.Claimant claimant) {
        while (true) {
            String token = Callbacks.newToken();
            long now = clock.millis();
            Optional<AgentWorkStore.Work> claimed = db.write(c -> {
                Optional<AgentWorkStore.Work> w = work.claimNext(c, claimant,
                        new AgentWorkStore.Lease(token, now + lease.toMillis()), now);
                if (w.isPresent()) {
                    String id = w.get().executionId();
                    work.assign(c, id, claimant.agentId()); // a pool row becomes the claimant's
                    work.note(c, id, "");
                    executions.markRunning(c, id, now);
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

    /**
     * Items waiting per pool (SPEC-beyond, issue #4): every pool with pending work, plus each pool a
     * registered pull agent serves and {@code any}, at 0 when empty — or exactly the pools asked
     * for, so an autoscaler watching a pool nobody serves yet reads 0 rather than nothing.
     */
    public Map<String, Long> depthByPool(List<String> asked) {
        Map<String, Long> pending = work.pendingByPool();
        Map<String, Long> out = new TreeMap<>();
        if (!asked.isEmpty()) {
            asked.forEach(p -> out.put(p, pending.getOrDefault(p, 0L)));
            return out;
        }
        out.put(Pools.ANY, 0L);
        agents.list().stream().filter(Agent::pulls).forEach(a -> a.tags().forEach(t -> out.put(t, 0L)));
        out.putAll(pending);
        return out;
    }
}
