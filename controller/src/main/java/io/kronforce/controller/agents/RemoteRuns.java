package io.kronforce.controller.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Ids;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.spec.Target;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.executions.PreparedRun;
import io.kronforce.controller.executions.RemoteDispatch;
import io.kronforce.controller.executions.RunPreparation;
import io.kronforce.controller.store.AgentWorkStore;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.worker.wire.ExecuteRequest;
import io.kronforce.worker.wire.Protocol;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts runs whose target is an agent (docs/reference/targets.md): picks the agents, records an {@code agent_work}
 * row per run, then pushes to a standard agent's {@code /execute} (on a virtual thread, so no
 * caller waits on the network) or parks the run for a pull agent and wakes its pollers. Results
 * come back through {@link ResultIntake}. Thread-safe.
 */
public final class RemoteRuns implements RemoteDispatch {
    private static final ObjectMapper TREE = JsonMapping.MAPPER;

    private final Database db;
    private final AgentWorkStore work;
    private final ExecutionStore executions;
    private final Agents agents;
    private final RemoteSettings settings;
    private final InstantSource clock;
    private final StandardAgentCalls calls;
    private final Wakeups wakeups = new Wakeups();
    private final Callbacks callbacks;
    private final RunListener listener;
    private final RunPreparation preparation;
    private final WorkCloser closer;
    private final FunctionRuns functions;

    /**
     * @param stores the queue's stores (the job catalogue among them is not used here)
     * @param listener where runs report (the execution core's completion)
     * @param preparation how a stored run is resolved again (the same preparation local runs use:
     *                    variables, secrets, connections)
     */
    RemoteRuns(
            WorkQueue.Parts stores,
            Agents agents,
            RemoteSettings settings,
            RunListener listener,
            RunPreparation preparation,
            Callbacks callbacks,
            WorkCloser closer,
            FunctionRuns functions,
            InstantSource clock) {
        this.db = stores.db();
        this.work = stores.work();
        this.executions = stores.executions();
        this.agents = agents;
        this.settings = settings;
        this.listener = listener;
        this.preparation = preparation;
        this.callbacks = callbacks;
        this.closer = closer;
        this.functions = functions;
        this.clock = clock;
        this.calls = new StandardAgentCalls(new AgentClient(settings.agentTrust()), agents, closer::close);
    }

    RunPreparation preparation() {
        return preparation;
    }

    /** The controller's base URL as agents reach it, known once the server listens. */
    public void callbackBase(String baseUrl) {
        callbacks.base(settings.callbackUrl().orElse(baseUrl));
    }

    Wakeups wakeups() {
        return wakeups;
    }

    Callbacks callbacks() {
        return callbacks;
    }

    RunListener listener() {
        return listener;
    }

    /**
     * Hands a recorded pending run to the agents its target picks. A {@code tagged} or {@code any}
     * run nobody online can take waits in its pool for a pull worker (scale from zero).
     *
     * @return why no agent can take it; empty when it was handed over or queued
     */
    @Override
    public Optional<String> start(Job job, PreparedRun run) {
        if (job.spec().target() instanceof Target.Function) {
            return functions.start(job, run, settings.lease());
        }
        String taskType = run.runTask().path("type").asText();
        Targets.Choice choice = Targets.choose(
                job.spec().target(),
                taskType,
                agents.list(),
                a -> agents.dispatchKey(a.id()).isPresent());
        Optional<String> pool = Pools.of(job.spec().target());
        if (choice.agents().isEmpty() && pool.isPresent()) {
            queueInPool(job, run, pool.get(), taskType, choice.reason());
            return Optional.empty();
        }
        if (choice.agents().isEmpty()) {
            return Optional.of(choice.reason());
        }
        List<PreparedRun> runs = rowsFor(run, choice.agents().size());
        for (int i = 0; i < runs.size(); i++) {
            handOver(job, runs.get(i), choice.agents().get(i), taskType);
        }
        return Optional.empty();
    }

    /** Target {@code all}: the recorded row goes to the first agent, a copy of it to each other one. */
    private List<PreparedRun> rowsFor(PreparedRun run, int agentCount) {
        List<PreparedRun> out = new ArrayList<>(List.of(run));
        Execution e = run.row();
        for (int i = 1; i < agentCount; i++) {
            Execution copy = e.copyFor(clock.millis());
            db.write(c -> {
                executions.insert(c, copy);
                return null;
            });
            out.add(run.forRow(copy));
        }
        return out;
    }

    /** Parks the run unassigned in its pool and says so on the execution; pollers of the pool are woken. */
    private void queueInPool(Job job, PreparedRun run, String pool, String taskType, String why) {
        String executionId = run.row().id();
        AgentWorkStore.NewWork row = new AgentWorkStore.NewWork(
                Ids.newId(),
                executionId,
                job.id(),
                null,
                pool,
                job.spec().target().json(),
                taskType);
        long now = clock.millis();
        db.write(c -> {
            work.enqueue(c, row, now);
            work.note(
                    c,
                    executionId,
                    "queued in pool '" + pool + "' until a pull worker of it claims the run (" + why + " yet)");
            return null;
        });
        wakePool(pool, taskType);
    }

    /** Wakes the pollers of every pull agent that could claim a run of this pool and type. */
    void wakePool(String pool, String taskType) {
        agents.list().stream()
                .filter(a -> a.pulls() && Pools.serves(a, pool) && Targets.takes(a, taskType))
                .forEach(a -> wakeups.wake(a.id()));
    }

    private void handOver(Job job, PreparedRun run, Agent agent, String taskType) {
        String executionId = run.row().id();
        long now = clock.millis();
        AgentWorkStore.NewWork row = new AgentWorkStore.NewWork(
                Ids.newId(),
                executionId,
                job.id(),
                agent.id(),
                Pools.of(job.spec().target()).orElse(null),
                job.spec().target().json(),
                taskType);
        if (agent.pulls()) {
            db.write(c -> {
                work.enqueue(c, row, now);
                work.assign(c, executionId, agent.id());
                return null;
            });
            wakeups.wake(agent.id());
            return;
        }
        String token = Callbacks.newToken();
        db.write(c -> {
            work.pushed(
                    c,
                    row,
                    "push",
                    new AgentWorkStore.Lease(token, now + settings.lease().toMillis()),
                    now);
            work.assign(c, executionId, agent.id());
            // Running from the hand-over, as a pull claim is: one write per push fewer than marking
            // it at the agent's ack, and no result can overtake the mark. A refused push closes it.
            executions.markRunning(c, executionId, now);
            return null;
        });
        push(agent, job, run, token);
    }

    /**
     * Sends a run whose work row the agent holds under {@code token} to the agent's {@code /execute},
     * on a virtual thread so the caller does not wait on the network.
     */
    void push(Agent agent, Job job, PreparedRun run, String token) {
        String executionId = run.row().id();
        ExecuteRequest request = new ExecuteRequest(
                executionId,
                job.id(),
                asMap(run),
                job.runAs(),
                job.timeoutSecs(),
                callbacks.url(token),
                run.row().attemptNumber(),
                Protocol.VERSION);
        Thread.ofVirtual().name("push-" + executionId).start(() -> calls.execute(agent, request));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(PreparedRun run) {
        return TREE.convertValue(run.runTask(), Map.class);
    }

    /**
     * Withdraws a remote run that is being cancelled: its work row is closed as cancelled (so a
     * later result is not recorded) and a push agent is told to stop, in the background. False when the run is
     * not remote or already over; the caller records the cancellation either way.
     */
    @Override
    public boolean withdraw(String executionId) {
        Optional<AgentWorkStore.Work> w = work.findByExecution(executionId);
        if (w.isEmpty() || !db.write(c -> work.withdraw(c, executionId))) {
            return false;
        }
        if (w.get().pushed()) {
            askToStop(w.get().agentId(), executionId);
        }
        return true;
    }

    /** Tells a standard agent to stop a run it no longer holds, in the background; best effort. */
    void askToStop(String agentId, String executionId) {
        Thread.ofVirtual().name("stop-" + executionId).start(() -> calls.cancel(agentId, executionId));
    }

    /** Whether an agent holds the run: its work row is still open. */
    @Override
    public boolean holds(String executionId) {
        return work.findByExecution(executionId)
                .filter(w -> !"done".equals(w.status()))
                .isPresent();
    }

    /** A heartbeat renews the leases the agent holds on the executions it names. */
    public void renew(String agentId, List<String> runningExecutions) {
        if (!runningExecutions.isEmpty()) {
            long until = clock.millis() + settings.lease().toMillis();
            db.write(c -> work.renew(c, agentId, runningExecutions, until));
        }
    }

    /**
     * Asks a standard agent to exit before it is unpaired; best effort
     * (docs/reference/rest.md#agents-and-the-agent-protocol).
     */
    public void askToShutDown(Agent agent) {
        calls.shutdown(agent);
    }

    /** Ends every long-poll wait (shutdown). */
    public void close() {
        wakeups.close();
    }
}
