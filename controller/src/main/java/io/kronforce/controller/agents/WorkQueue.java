package io.kronforce.controller.agents;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.executions.PreparedRun;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.store.AgentWorkStore;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.worker.wire.QueueItem;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agent queue (docs/reference/agent-protocol.md#pull-the-queue). A pull agent's
 * {@code GET /api/agent-queue/{id}/next?wait=N} claims its oldest pending item with one conditional UPDATE, or parks on
 * the agent's wakeup signal until work arrives or the wait is over; requests run on Helidon's virtual threads, so a
 * thousand idle pollers are a thousand parked virtual threads. A standard (push) agent never polls: at each
 * heartbeat the pool work waiting for it is claimed for it by the same statement and pushed
 * ({@link #offer}), so a run waiting in a pool both kinds serve goes to exactly one. Thread-safe.
 */
public final class WorkQueue {
    /** Pool runs pushed to one agent per heartbeat; what remains goes at the next one. */
    private static final int MAX_PUSHED_PER_BEAT = 100;

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

    /** A row claimed under {@code token}, with its job and its run resolved again. */
    private record Claimed(AgentWorkStore.Work work, String token, Job job, PreparedRun run) {}

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
        AgentWorkStore.Claimant claimant =
                new AgentWorkStore.Claimant(agentId, Pools.servedBy(agent), Pools.takenBy(agent));
        long deadline = System.nanoTime() + wait.toNanos();
        Wakeups wakeups = remote.wakeups();
        while (true) {
            long seen = wakeups.generation(agentId);
            Optional<QueueItem> item =
                    work.anyClaimable(claimant) ? claim(claimant).map(this::item) : Optional.empty();
            if (item.isPresent() || !wakeups.await(agentId, seen, deadline)) {
                return item;
            }
        }
    }

    /**
     * Pushes the pool work waiting for a standard agent to it (called at its heartbeats; not at
     * registration, as upstream's agent may register before its server listens). Pull agents, and
     * agents the controller holds no key for, are left alone.
     *
     * @return how many runs were pushed
     */
    public int offer(String agentId) {
        Agent agent = agents.require(agentId);
        AgentWorkStore.Claimant claimant = AgentWorkStore.Claimant.pushAgent(agentId, Pools.servedBy(agent));
        if (agent.pulls() || agents.dispatchKey(agentId).isEmpty() || !work.anyClaimable(claimant)) {
            return 0;
        }
        int pushed = 0;
        for (Optional<Claimed> c = claim(claimant); c.isPresent(); c = claim(claimant)) {
            remote.push(agent, c.get().job(), c.get().run(), c.get().token());
            if (++pushed == MAX_PUSHED_PER_BEAT) {
                break;
            }
        }
        return pushed;
    }

    /**
     * Claims the oldest row the claimant may take, skipping (and closing) rows whose run or job
     * went away meanwhile, and marks the run {@code running} in the same write (a push the agent
     * refuses is closed as failed).
     */
    private Optional<Claimed> claim(AgentWorkStore.Claimant claimant) {
        while (true) {
            String token = Callbacks.newToken();
            long now = clock.millis();
            Optional<AgentWorkStore.Work> claimed = db.write(c -> {
                Optional<AgentWorkStore.Work> w =
                        work.claimNext(c, claimant, new AgentWorkStore.Lease(token, now + lease.toMillis()), now);
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
            Optional<Claimed> resolved = resolve(claimed.get(), token);
            if (resolved.isPresent()) {
                return resolved;
            }
        }
    }

    /** The claimed row with its job and run; empty (and the row closed) when the execution or job is gone. */
    private Optional<Claimed> resolve(AgentWorkStore.Work w, String token) {
        Optional<Execution> e = executions.findById(w.executionId());
        Optional<Job> job = e.flatMap(x -> jobs.find(x.jobId()));
        if (e.isEmpty() || job.isEmpty() || e.get().status().isTerminal()) {
            db.write(c -> work.close(c, w.executionId()));
            return Optional.empty();
        }
        return Optional.of(new Claimed(w, token, job.get(), remote.preparation().restore(e.get())));
    }

    private QueueItem item(Claimed c) {
        AgentWorkStore.Work w = c.work();
        return new QueueItem(
                w.id(),
                w.executionId(),
                w.jobId(),
                w.agentId(),
                RemoteRuns.asMap(c.run()),
                c.job().runAs(),
                c.job().timeoutSecs(),
                remote.callbacks().url(c.token()),
                w.attempt(),
                (int) lease.toSeconds());
    }

    /** Items waiting for the agent (queue depth). */
    public long depth(String agentId) {
        return work.pendingFor(agentId);
    }

    /**
     * Items waiting per pool (beyond upstream): every pool with pending work, plus each pool a
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
