package io.kronforce.controller.app;

import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.store.AgentStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
    private final AtomicLong changes = new AtomicLong();
    /**
     * The sorted list, built when first asked for after a change (reads far outnumber changes),
     * tagged with the change count read before building, so a build that raced a change is not served.
     */
    private volatile Sorted sorted;

    private record Sorted(long changes, List<Agent> agents) {}

    AgentDirectory(AgentStore store) {
        this.store = store;
        reloadAll();
    }

    /** Every agent, by name. */
    List<Agent> list() {
        long now = changes.get();
        Sorted current = sorted;
        if (current != null && current.changes() == now) {
            return current.agents();
        }
        List<Agent> fresh = byId.values().stream().sorted(BY_NAME).toList();
        sorted = new Sorted(now, fresh);
        return fresh;
    }

    Optional<Agent> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Reads one agent again after a write to it (or drops it when the row is gone). Refreshes take
     * turns, so a slower one cannot put back a row older than the one a faster one read.
     */
    synchronized void refresh(String id) {
        store.find(id).ifPresentOrElse(a -> byId.put(id, a), () -> byId.remove(id));
        changes.incrementAndGet();
    }

    /** Reads the whole table again, after a write that may have changed many rows. */
    synchronized void reloadAll() {
        List<Agent> all = store.list();
        all.forEach(a -> byId.put(a.id(), a));
        byId.keySet().retainAll(all.stream().map(Agent::id).toList());
        changes.incrementAndGet();
    }
}
