package io.kronforce.controller.agents;

import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.executions.RunPreparation;
import io.kronforce.controller.journal.Journal;
import io.kronforce.controller.metrics.MetricsSource;
import io.kronforce.controller.metrics.PrometheusText;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.store.AgentStore;
import io.kronforce.task.EgressPolicy;
import io.kronforce.worker.wire.Protocol;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * The controller's side of remote execution, as the front doors and the composition root see it:
 * the registry, the dispatcher's remote half, the pull queue, the result intake and the sweep.
 */
public record AgentRuntime(Agents agents, RemoteRuns remote, WorkQueue queue, ResultIntake results, LeaseSweep sweep)
        implements MetricsSource, AutoCloseable {

    /**
     * What the runtime is built with.
     *
     * @param heartbeatTimeout silence after which an agent goes offline
     * @param egress where function targets may be called
     */
    public record Settings(RemoteSettings remote, Duration heartbeatTimeout, EgressPolicy egress) {}

    /**
     * Builds the runtime over the queue's stores; {@code secrets} seals the keys push agents
     * registered with, kept across restarts. Agents are asked to heartbeat at a third of the
     * lease when that is under upstream's 10 s, so a short lease is renewed before it runs out.
     */
    public static AgentRuntime build(
            WorkQueue.Parts q,
            Journal journal,
            Settings s,
            RunListener listener,
            RunPreparation preparation,
            SecretBox secrets,
            InstantSource clock) {
        RemoteSettings remote = s.remote();
        int beat = (int) Math.max(
                1, Math.min(Protocol.HEARTBEAT_INTERVAL_SECS, remote.lease().toSeconds() / 3));
        AgentStore store = new AgentStore(q.db());
        DispatchKeys keys = new DispatchKeys(store, secrets, remote.fallbackKey(), remote.knownKeys());
        Agents agents = new Agents(q.db(), store, keys, journal, clock, s.heartbeatTimeout(), beat);
        Callbacks callbacks = new Callbacks();
        WorkCloser closer = new WorkCloser(q.db(), q.work(), listener, clock);
        ResultIntake results = new ResultIntake(q.db(), q.work(), q.executions(), preparation, listener, clock);
        FunctionRuns functions = new FunctionRuns(
                q, preparation, callbacks, listener, closer, new FunctionClient(s.egress(), clock), results, clock);
        RemoteRuns runs = new RemoteRuns(q, agents, remote, listener, preparation, callbacks, closer, functions, clock);
        WorkQueue queue = new WorkQueue(q, agents, runs, remote.lease(), clock);
        return new AgentRuntime(
                agents, runs, queue, results, new LeaseSweep(q.db(), q.work(), agents, runs, queue, remote, clock));
    }

    /**
     * Appends the agent series to a Prometheus page: upstream's {@code kronforce_agents_total};
     * {@code kronforce_queue_depth{pool="…"}}, the items waiting in each pool (a tag, or
     * {@code any}), what an autoscaler watches; and {@code kronforce_agent_queue_depth{agent="…"}},
     * the items waiting for each pull agent by name.
     */
    @Override
    public void appendTo(StringBuilder out) {
        List<Agent> all = agents.list();
        PrometheusText.gauge(out, "kronforce_agents_total", "Registered agents", all.size());
        PrometheusText.header(out, "kronforce_queue_depth", "Items waiting in each worker pool (tag, or any)", "gauge");
        queue.depthByPool(List.of())
                .forEach((pool, n) -> out.append("kronforce_queue_depth{pool=\"")
                        .append(PrometheusText.label(pool))
                        .append("\"} ")
                        .append(n)
                        .append('\n'));
        PrometheusText.header(
                out, "kronforce_agent_queue_depth", "Items waiting for a pull agent to claim them", "gauge");
        for (Agent a : all) {
            if (a.pulls()) {
                out.append("kronforce_agent_queue_depth{agent=\"")
                        .append(PrometheusText.label(a.name()))
                        .append("\"} ")
                        .append(queue.depth(a.id()))
                        .append('\n');
            }
        }
    }

    /** Starts the housekeeping timer. */
    public void start() {
        sweep.start();
    }

    /** Stops the timer and ends every long-poll wait. */
    @Override
    public void close() {
        sweep.close();
        remote.close();
    }
}
