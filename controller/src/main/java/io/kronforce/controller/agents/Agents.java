package io.kronforce.controller.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Ids;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.journal.Journal;
import io.kronforce.controller.store.AgentStore;
import io.kronforce.worker.wire.Heartbeat;
import io.kronforce.worker.wire.Registration;
import io.kronforce.worker.wire.RegistrationAck;
import io.kronforce.worker.wire.TaskTypeDefinition;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent registry (docs/reference/rest.md#agents-and-the-agent-protocol, docs/reference/agent-protocol.md):
 * registration by name, heartbeats, offline detection, task types, unpairing. The key a standard agent registered with
 * is what the controller presents when it pushes work to it. Upstream's agent never registers again, so the key is
 * kept across restarts ({@link DispatchKeys}: sealed with the controller's encryption key, never in clear); an agent
 * whose key the controller does not hold is reached with the configured fallback key, and without one its heartbeat
 * is answered 404 so that an agent that can (ours) registers again (docs/reference/differences.md row 19).
 * Thread-safe.
 */
public final class Agents {
    private static final ObjectMapper TREE = JsonMapping.MAPPER;

    private final Database db;
    private final AgentStore store;
    private final Journal journal;
    private final InstantSource clock;
    private final Duration heartbeatTimeout;
    private final int heartbeatIntervalSecs;
    private final DispatchKeys keys;
    private final AgentDirectory directory;
    private final long touchEveryMs;

    /**
     * @param keys the keys push agents registered with, as kept across restarts, and the fallback
     * @param heartbeatIntervalSecs what registrations are told; a third of the lease at most, so a
     *     short lease is renewed before it runs out (upstream's 10 s otherwise)
     */
    Agents(
            Database db,
            AgentStore store,
            DispatchKeys keys,
            Journal journal,
            InstantSource clock,
            Duration heartbeatTimeout,
            int heartbeatIntervalSecs) {
        this.heartbeatIntervalSecs = heartbeatIntervalSecs;
        this.db = db;
        this.store = store;
        this.keys = keys;
        this.journal = journal;
        this.clock = clock;
        this.heartbeatTimeout = heartbeatTimeout;
        this.directory = new AgentDirectory(store);
        // A poll or heartbeat that comes sooner after the last recorded one changes nothing worth a
        // write: offline detection needs the time only to within a fraction of the timeout (the
        // recorded time then lags by at most this plus one heartbeat interval).
        this.touchEveryMs = Math.min(10_000, heartbeatTimeout.toMillis() / 4);
    }

    public List<Agent> list() {
        return directory.list();
    }

    public Agent require(String id) {
        return directory
                .find(id)
                .orElseThrow(() -> new KronforceException.NotFound(ProblemType.AGENT_NOT_FOUND, "agent not found"));
    }

    /**
     * Registers or re-registers (same name, same id) and, for a push agent, remembers {@code key}
     * as the one to present when pushing to it (kept sealed across restarts when the controller
     * has an encryption key).
     *
     * @throws KronforceException.InvalidInput when the registration is incomplete or malformed
     */
    public RegistrationAck register(Principal caller, Registration r, String key) {
        AgentRegistrationRules.check(r);
        long now = clock.millis();
        String pushKey = Agent.STANDARD.equals(r.agentType()) ? key : null;
        JsonNode types = r.taskTypes() == null ? JsonNodeFactory.instance.arrayNode() : TREE.valueToTree(r.taskTypes());
        JsonNode info = r.systemInfo() == null ? null : TREE.valueToTree(r.systemInfo());
        List<String> tags = r.tags() == null
                ? List.of()
                : r.tags().stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
        var result = db.write(c -> {
            Optional<Agent> known = store.findByName(c, r.name().trim());
            String id = known.map(Agent::id).orElseGet(Ids::newId);
            long registeredAt = known.map(Agent::registeredAtMs).orElse(now);
            store.upsert(
                    c,
                    new Agent(
                            id,
                            r.name().trim(),
                            tags,
                            text(r.hostname()),
                            text(r.address()),
                            r.port(),
                            r.agentType(),
                            Agent.ONLINE,
                            now,
                            registeredAt,
                            types,
                            info,
                            r.tls()));
            keys.keep(c, id, pushKey);
            Optional<Event> e = journal.events()
                    .write(
                            c,
                            caller,
                            EventKind.AGENT_REGISTERED,
                            "info",
                            "Agent '" + r.name().trim() + "' registered (" + r.agentType() + ")",
                            new EventLog.Subject(null, null, id, null));
            return Map.entry(id, e);
        });
        keys.hold(result.getKey(), pushKey);
        directory.refresh(result.getKey());
        journal.events().publish(result.getValue().stream().toList());
        return new RegistrationAck(result.getKey(), heartbeatIntervalSecs);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /**
     * Records a heartbeat (the leases it names are renewed by {@link RemoteRuns#renew}).
     *
     * @throws KronforceException.NotFound when the controller does not know the agent, or (for a
     *     push agent) holds no key to reach it, neither its own nor a fallback: either way the agent
     *     must register again
     */
    public void heartbeat(String id, Heartbeat beat) {
        Agent agent = require(id);
        if (!agent.pulls() && keys.keyFor(id).isEmpty()) {
            throw new KronforceException.NotFound(
                    ProblemType.AGENT_NOT_FOUND, "the controller holds no key to reach this agent; register again");
        }
        seen(id);
    }

    /**
     * Marks the agent online and seen now (heartbeats and queue polls). An online agent recorded as
     * seen within the last quarter of the heartbeat timeout (10 s at most) is left as it is: a
     * thousand long-pollers would otherwise cost a thousand writes per poll round.
     */
    public void seen(String id) {
        long now = clock.millis();
        Optional<Agent> known = directory.find(id);
        if (known.isPresent() && known.get().online() && now - known.get().lastHeartbeatMs() < touchEveryMs) {
            return;
        }
        if (!db.write(c -> store.touch(c, id, now))) {
            directory.refresh(id);
            throw new KronforceException.NotFound(ProblemType.AGENT_NOT_FOUND, "agent not found");
        }
        directory.refresh(id);
    }

    /** The key to present when pushing to this agent: the one it registered with, else the fallback. */
    public Optional<String> dispatchKey(String id) {
        return keys.keyFor(id);
    }

    public List<TaskTypeDefinition> taskTypes(String id) {
        return TREE.convertValue(
                require(id).taskTypes(),
                TREE.getTypeFactory().constructCollectionType(List.class, TaskTypeDefinition.class));
    }

    /** Replaces the agent's task types (upstream answers ok for an unknown agent too, and so do we). */
    public void setTaskTypes(Principal actor, String id, List<TaskTypeDefinition> types) {
        AgentRegistrationRules.checkTaskTypes(types, "/task_types");
        JsonNode json = TREE.valueToTree(types);
        db.write(c -> {
            if (store.setTaskTypes(c, id, json)) {
                journal.audit().record(c, actor, "agent.task_types_updated", "agent", id, null);
            }
            return null;
        });
        directory.refresh(id);
    }

    /**
     * Forgets the agent: its row, its key, and an {@code agent.unpaired} event. The caller has
     * asked the agent to shut down first (best effort).
     */
    public Agent unpair(Principal actor, String id) {
        Agent agent = require(id);
        List<Event> events = db.write(c -> {
            // The row takes the sealed key with it; forget the key in memory only once that commits.
            if (!store.delete(c, id)) {
                return List.<Event>of();
            }
            journal.audit().record(c, actor, "agent.deregistered", "agent", id, agent.name());
            return journal
                    .events()
                    .write(
                            c,
                            actor,
                            EventKind.AGENT_UNPAIRED,
                            "warning",
                            "Agent '" + agent.name() + "' unpaired",
                            new EventLog.Subject(null, null, id, null))
                    .stream()
                    .toList();
        });
        keys.forget(id);
        directory.refresh(id);
        journal.events().publish(events);
        return agent;
    }

    /**
     * Turns agents silent for longer than the heartbeat timeout offline, each with an
     * {@code agent.offline} event published to the event matcher (upstream never publishes these,
     * docs/reference/differences.md row 5). Returns how many went offline.
     */
    public int sweepOffline() {
        long cutoff = clock.millis() - heartbeatTimeout.toMillis();
        // Read first: this runs every second, and most seconds nobody has gone silent.
        if (directory.list().stream().noneMatch(a -> a.online() && a.lastHeartbeatMs() < cutoff)) {
            return 0;
        }
        List<Event> events = db.write(c -> {
            List<Event> out = new ArrayList<>();
            for (Agent a : store.markSilentOffline(c, cutoff)) {
                journal.events()
                        .write(
                                c,
                                Principal.SYSTEM,
                                EventKind.AGENT_OFFLINE,
                                "warning",
                                "Agent '" + a.name() + "' went offline (no heartbeat for "
                                        + heartbeatTimeout.toSeconds() + "s)",
                                new EventLog.Subject(null, null, a.id(), null))
                        .ifPresent(out::add);
            }
            return out;
        });
        directory.reloadAll();
        journal.events().publish(events);
        return events.size();
    }
}
