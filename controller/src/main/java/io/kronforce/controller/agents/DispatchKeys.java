package io.kronforce.controller.agents;

import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.store.AgentStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The keys the controller presents when it pushes work to standard agents: the Bearer each one
 * registered with, else the configured fallback. Upstream's agent registers once and never again,
 * so the registered key is kept in the agent's row across restarts — sealed with the controller's
 * encryption key (AES-256-GCM, as secret variables are), never in clear. Its SHA-256 is kept too
 * (what {@code api_keys} keeps of every key), so that without an encryption key a key of the
 * controller's own environment is still presented to the agent that registered with that very key.
 * Thread-safe.
 */
final class DispatchKeys {
    private static final Logger LOG = Logger.getLogger(DispatchKeys.class.getName());

    private final AgentStore store;
    private final SecretBox box;
    private final Optional<String> fallback;
    private final Map<String, String> held = new ConcurrentHashMap<>();

    /**
     * Recovers the keys an earlier run of the controller kept.
     *
     * @param fallback presented to an agent whose own key the controller does not hold
     * @param known keys of the environment an agent may have registered with (fallback, bootstrap agent key)
     */
    DispatchKeys(AgentStore store, SecretBox box, Optional<String> fallback, List<String> known) {
        this.store = store;
        this.box = box;
        this.fallback = fallback;
        store.dispatchKeys()
                .forEach((id, kept) -> recover(kept, known).ifPresentOrElse(key -> held.put(id, key), () -> {
                    if (kept.sealed() != null) {
                        LOG.warning("the kept key of agent " + id + " does not open with this"
                                + " KRONFORCE_ENCRYPTION_KEY: it is reached with the fallback key, if any, until it"
                                + " registers again");
                    }
                }));
    }

    /** The agent's own key: opened from its sealed copy, else the known key with its hash. */
    private Optional<String> recover(AgentStore.KeptKey kept, List<String> known) {
        Optional<String> opened = kept.sealed() == null ? Optional.empty() : box.open(kept.sealed());
        return opened.or(() -> known.stream()
                .filter(k -> kept.hash() != null && kept.hash().equals(ApiKeys.hash(k)))
                .findFirst());
    }

    /**
     * Writes what is kept of the key an agent registered with into its row: sealed when the
     * controller has an encryption key, and its hash. Null (a pull agent, which is never pushed
     * to) clears both. {@link #hold} the key once the write commits.
     */
    void keep(Connection c, String agentId, String key) throws SQLException {
        store.setDispatchKey(
                c,
                agentId,
                new AgentStore.KeptKey(
                        key != null && box.enabled() ? box.seal(key) : null, key == null ? null : ApiKeys.hash(key)));
    }

    /** Holds the key an agent registered with (null: none) for pushes from now on. */
    void hold(String agentId, String key) {
        if (key == null) {
            held.remove(agentId);
        } else {
            held.put(agentId, key);
        }
    }

    /** Drops an unpaired agent's key (its row, and what was kept of the key with it, is gone). */
    void forget(String agentId) {
        held.remove(agentId);
    }

    /** The key to present to the agent: its own, else the fallback; empty when there is neither. */
    Optional<String> keyFor(String agentId) {
        return Optional.ofNullable(held.get(agentId)).or(() -> fallback);
    }
}
