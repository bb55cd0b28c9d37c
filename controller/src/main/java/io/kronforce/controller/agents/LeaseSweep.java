package io.kronforce.controller.agents;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.spec.Target;
import io.kronforce.controller.duty.Duty;
import io.kronforce.controller.exec.RunResult;
import io.kronforce.controller.store.AgentWorkStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * The agents' housekeeping, once a second: silent agents go offline; a pool run pushed to a
 * standard agent that went offline goes back to its pool under a void token and on to another
 * agent of the pool — once, from its first holder only, so its first holder's result is refused
 * and a run is never bounced from agent to agent; a pull claim whose lease ran out goes back in
 * line (attempt + 1) under a void token until it has been claimed {@code maxClaims} times; a push
 * whose lease ran out fails (the agent stopped naming it in heartbeats); queued work nobody claimed
 * in time fails. Each change is a conditional write, so a result racing the sweep is recorded once
 * or refused, never both.
 */
public final class LeaseSweep implements AutoCloseable {
    private final Database db;
    private final AgentWorkStore work;
    private final Agents agents;
    private final RemoteRuns remote;
    private final WorkQueue queue;
    private final RemoteSettings settings;
    private final InstantSource clock;
    private final Duty duty = Duty.every(
            "kronforce-agent-sweep",
            Duration.ofSeconds(1),
            Duty.Plan.standard().firstAfter(Duration.ofSeconds(1)),
            this::runOnce);

    public LeaseSweep(
            Database db,
            AgentWorkStore work,
            Agents agents,
            RemoteRuns remote,
            WorkQueue queue,
            RemoteSettings settings,
            InstantSource clock) {
        this.db = db;
        this.work = work;
        this.agents = agents;
        this.remote = remote;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
    }

    public void start() {
        duty.start();
    }

    /** Passes that failed (each retried a second later). */
    public long failures() {
        return duty.failures();
    }

    /** One pass; tests call it directly. */
    public void runOnce() {
        agents.sweepOffline();
        handOnFromOfflineAgents();
        long now = clock.millis();
        for (AgentWorkStore.Work w : db.read(c -> work.expiredLeases(c, now))) {
            expired(w);
        }
        List<AgentWorkStore.Work> stale = db.read(
                c -> work.unclaimedSince(c, now - settings.claimTimeout().toMillis()));
        for (AgentWorkStore.Work w : stale) {
            if (db.write(c -> work.closePending(c, w.executionId()))) {
                fail(
                        w.executionId(),
                        w.agentId() == null
                                ? "queued in pool '" + w.pool() + "' but no pull worker" + " of it claimed it within "
                                        + settings.claimTimeout().toSeconds() + "s (timeout)"
                                : "queued for custom agent but never claimed (timeout)");
            }
        }
    }

    /**
     * Pool runs whose push agent went offline do not wait out their lease (600 s by default) or the
     * claim timeout: each goes back to its pool and is pushed to another online standard agent of
     * it now (pull workers of the pool are woken too; whoever claims first takes it), or waits there
     * for one. The old agent is asked to stop it, in case it is only cut off from us.
     */
    private void handOnFromOfflineAgents() {
        if (agents.list().stream().noneMatch(a -> !a.online() && !a.pulls())) {
            return; // read first: most seconds no push agent is offline
        }
        for (AgentWorkStore.Work w : db.read(work::firstPushesToOfflineAgents)) {
            String id = w.executionId();
            String from = agents.list().stream()
                    .filter(a -> a.id().equals(w.agentId()))
                    .map(Agent::name)
                    .findFirst()
                    .orElse(w.agentId());
            boolean moved = db.write(c -> {
                boolean m = work.returnToPool(c, id, w.leaseToken(), clock.millis());
                if (m) {
                    work.assign(c, id, null);
                    work.note(
                            c,
                            id,
                            "agent '" + from + "' went offline; back in pool '" + w.pool()
                                    + "' for another agent of it");
                }
                return m;
            });
            if (moved) {
                remote.askToStop(w.agentId(), id);
                handOn(w);
            }
        }
    }

    /** Offers a run put back in its pool to one other online agent of the pool that takes it, and wakes the pool's pollers. */
    private void handOn(AgentWorkStore.Work w) {
        List<Agent> others =
                agents.list().stream().filter(a -> !a.id().equals(w.agentId())).toList();
        Targets.choose(
                        Target.parse(w.target()),
                        w.taskType(),
                        others,
                        a -> agents.dispatchKey(a.id()).isPresent())
                .agents()
                .stream()
                .filter(a -> !a.pulls())
                .findFirst()
                .ifPresent(a -> queue.offer(a.id()));
        remote.wakePool(w.pool(), w.taskType());
    }

    private void expired(AgentWorkStore.Work w) {
        if (w.function()) {
            failExpired(w, "function did not report a result within its lease");
        } else if (w.pushed()) {
            failExpired(
                    w,
                    "agent stopped reporting this execution (lease of "
                            + settings.lease().toSeconds() + "s expired)");
        } else if (w.attempt() >= settings.maxClaims()) {
            failExpired(
                    w, "custom agent claimed job but never reported result (lease expired " + w.attempt() + " times)");
        } else {
            requeue(w);
        }
    }

    /**
     * Puts an expired pull claim back in line: with another online agent the target allows when
     * there is one (the holder may have died), else back in its pool for whichever worker of it
     * polls first (the holder too, if it lives); an {@code agent} run, and each copy of an
     * {@code all} run, stays with its agent. False when a result or another sweep moved the row first.
     */
    private boolean requeue(AgentWorkStore.Work w) {
        List<Agent> others =
                agents.list().stream().filter(a -> !a.id().equals(w.agentId())).toList();
        Targets.Choice choice = w.pool() == null
                ? Targets.Choice.none("pinned")
                : Targets.choose(Target.parse(w.target()), w.taskType(), others, a -> false);
        String to = choice.agents().stream()
                .filter(Agent::pulls)
                .findFirst()
                .map(Agent::id)
                .orElse(w.pool() == null ? w.agentId() : null);
        long now = clock.millis();
        boolean moved = db.write(c -> {
            boolean m = work.requeue(c, w.executionId(), w.leaseToken(), to, now);
            if (m) {
                work.assign(c, w.executionId(), to);
            }
            return m;
        });
        if (moved && to != null) {
            remote.wakeups().wake(to);
        } else if (moved) {
            remote.wakePool(w.pool(), w.taskType());
        }
        return moved;
    }

    private void failExpired(AgentWorkStore.Work w, String reason) {
        if (db.write(c -> work.expire(c, w.executionId(), w.leaseToken()))) {
            fail(w.executionId(), reason);
        }
    }

    private void fail(String executionId, String reason) {
        remote.listener()
                .finished(
                        executionId,
                        new RunResult(ExecutionStatus.FAILED, null, "", reason, false, false, clock.millis(), null));
    }

    @Override
    public void close() {
        duty.close();
    }
}
