package io.kronforce.controller.agents;

import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.RunLogRecord;
import io.kronforce.worker.host.Fatal;
import io.kronforce.worker.wire.ExecuteAck;
import io.kronforce.worker.wire.ExecuteRequest;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the controller asks of a standard agent — run this, stop that, shut down — each with the
 * key the agent registered with (or the configured fallback), and what a failed call means for
 * the run: a push that is refused or cannot be delivered closes the run as failed with the
 * reason; a cancel or a shutdown request is best effort. Thread-safe.
 */
final class StandardAgentCalls {
    private static final Logger LOG = Logger.getLogger(StandardAgentCalls.class.getName());

    private final AgentClient client;
    private final Agents agents;
    private final BiConsumer<String, String> failRun;

    /** @param failRun closes a run as failed with a reason (execution id, reason) */
    StandardAgentCalls(AgentClient client, Agents agents, BiConsumer<String, String> failRun) {
        this.client = client;
        this.agents = agents;
        this.failRun = failRun;
    }

    private Optional<String> key(String agentId) {
        return agents.dispatchKey(agentId);
    }

    /** Delivers a run to the agent's {@code /execute} on the calling thread; failures close the run. */
    void execute(Agent agent, ExecuteRequest request) {
        String id = request.executionId();
        try {
            String key =
                    key(agent.id()).orElseThrow(() -> new IOException("no key to reach agent '" + agent.name() + "'"));
            ExecuteAck ack = client.execute(agent, key, request);
            if (!ack.accepted()) {
                failRun.accept(id, "agent rejected: " + (ack.message() == null ? "no reason given" : ack.message()));
            }
        } catch (IOException e) {
            failRun.accept(id, "dispatch failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failRun.accept(id, "dispatch failed: interrupted");
        } catch (Throwable e) {
            LOG.log(Level.SEVERE, "push of " + id + " to agent " + agent.id() + " failed", e);
            failRun.accept(id, "dispatch failed: internal error: " + e);
            Fatal.rethrowIfFatal(e);
        }
    }

    /** Tells the agent holding a run to stop it; best effort. */
    void cancel(String agentId, String executionId) {
        try {
            Optional<Agent> agent =
                    agents.list().stream().filter(a -> a.id().equals(agentId)).findFirst();
            Optional<String> key = key(agentId);
            if (agent.isPresent() && key.isPresent()) {
                client.cancel(agent.get(), key.get(), executionId);
            }
        } catch (IOException e) {
            RunLogRecord.log(
                    LOG,
                    java.util.logging.Level.INFO,
                    "could not tell agent " + agentId + " to cancel " + executionId + ": " + e.getMessage(),
                    executionId,
                    null,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks a standard agent to exit before it is unpaired; best effort
     * (docs/reference/rest.md#agents-and-the-agent-protocol).
     */
    void shutdown(Agent agent) {
        Optional<String> key = key(agent.id());
        if (agent.pulls() || key.isEmpty()) {
            return;
        }
        try {
            client.shutdown(agent, key.get());
        } catch (IOException e) {
            LOG.info("agent '" + agent.name() + "' did not take the shutdown request: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
