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
 * The agents' housekeeping, once a second: silent agents go offline; a pull claim whose lease ran
 * out goes back in line (attempt + 1) under a void token, so its first holder's result is refused,
 * until it has been claimed {@code maxClaims} times; a push whose lease ran out fails (the agent
 * stopped naming it in heartbeats); queued work nobody claimed in time fails. Each change is a
 * conditional write, so a result racing the sweep is recorded once or refused, never both.
 */
public final class LeaseSweep implements AutoCloseable {
    private final Database db;
    private final AgentWorkStore work;
    private final Agents agents;
    private final RemoteRuns remote;
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
            RemoteSettings settings,
            InstantSource clock) {
        this.db = db;
        this.work = work;
        this.agents = agents;
        this.remote = remote;
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
