package io.kronforce.controller.agents;

import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.store.AgentStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agents table as the hot paths read it, in memory: every trigger picks among the agents and
 * every long poll looks its agent up, and with a thousand pollers a table read each time is most
 * of the work. Every change goes through {@link Agents}, which refreshes the changed row here
 * after its write commits, so this view is never ahead of the table and lags it only for the
 * moment between the commit and the refresh. Thread-safe.
 */
final class AgentDirectory {
    private static final Comparator<Agent> BY_NAME = Comparator.comparing(Agent::name);

    private final AgentStore store;
    private final Map<String, Agent> byId = new ConcurrentHashMap<>();
    /**
     * The ids in name order, rebuilt only when an agent comes or goes: a heartbeat changes a row,
     * not the order, and a thousand pollers' heartbeats must not cost a sort per trigger.
     */
    private volatile List<String> order = List.of();

    AgentDirectory(AgentStore store) {
        this.store = store;
        reloadAll();
    }

    /** Every agent, by name, each as last written. */
    List<Agent> list() {
        List<Agent> out = new ArrayList<>(order.size());
        for (String id : order) {
            Agent a = byId.get(id);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    Optional<Agent> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Reads one agent again after a write to it (or drops it when the row is gone). Refreshes take
     * turns, so a slower one cannot put back a row older than the one a faster one read.
     */
    synchronized void refresh(String id) {
        Optional<Agent> row = store.find(id);
        boolean known = byId.containsKey(id);
        row.ifPresentOrElse(a -> byId.put(id, a), () -> byId.remove(id));
        if (known != row.isPresent()) {
            reorder();
        }
    }

    /** Reads the whole table again, after a write that may have changed many rows. */
    synchronized void reloadAll() {
        List<Agent> all = store.list();
        all.forEach(a -> byId.put(a.id(), a));
        byId.keySet().retainAll(all.stream().map(Agent::id).toList());
        reorder();
    }

    private void reorder() {
        order = byId.values().stream().sorted(BY_NAME).map(Agent::id).toList();
    }
}
