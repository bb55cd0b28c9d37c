package io.kronforce.controller.resources;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.store.resources.ConnectionStore;
import io.kronforce.controller.store.resources.SettingsStore;
import io.kronforce.controller.store.resources.VariableStore;
import io.kronforce.controller.store.resources.VariableStore.StoredVariable;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The start-up pass over the secrets at rest (docs/reference/variables-and-secrets.md#encryption-at-rest). With
 * {@code KRONFORCE_ENCRYPTION_KEY} set, secrets still in clear (stored before the key was set) are sealed, in one
 * transaction, and counted in one log line. Without a key, a sealed secret could never be opened: the start is
 * refused ({@link KeyMissing}) instead of failing later with a misleading unresolved placeholder or an empty
 * setting. Runs after every feature has declared its secret settings, before anything reads them.
 */
public final class SecretsAtRest {
    private static final Logger LOG = Logger.getLogger(SecretsAtRest.class.getName());

    private final Database db;
    private final VariableStore variables;
    private final ConnectionStore connections;
    private final SettingsStore settingsStore;
    private final Settings settings;
    private final SecretBox box;

    public SecretsAtRest(
            Database db,
            VariableStore variables,
            ConnectionStore connections,
            SettingsStore settingsStore,
            Settings settings,
            SecretBox box) {
        this.db = db;
        this.variables = variables;
        this.connections = connections;
        this.settingsStore = settingsStore;
        this.settings = settings;
        this.box = box;
    }

    /** How many stored items hold a secret of each kind (sealed, or sealed now). */
    public record Count(int variables, int connections, int settings) {
        public int total() {
            return variables + connections + settings;
        }

        @Override
        public String toString() {
            return variables + " variable(s), " + connections + " connection(s), " + settings + " setting(s)";
        }
    }

    /** Sealed secrets are stored but no key is set to open them. */
    public static final class KeyMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyMissing(Count sealed) {
            super("the database holds secrets sealed with KRONFORCE_ENCRYPTION_KEY (" + sealed
                    + ") but KRONFORCE_ENCRYPTION_KEY is not set; set it to the passphrase they were sealed with");
        }
    }

    /**
     * Seals the secrets still in clear when there is a key; refuses when there is none and sealed ones exist.
     *
     * @return what was sealed now (all zero without a key)
     * @throws KeyMissing when sealed secrets are stored and no key is set
     */
    public Count sealOrRefuse() {
        if (!box.enabled()) {
            Count sealed = sealedWithoutKey();
            if (sealed.total() > 0) {
                throw new KeyMissing(sealed);
            }
            return new Count(0, 0, 0);
        }
        Count done = db.write(c -> {
            int vars = 0;
            for (StoredVariable v : variables.list(c)) {
                if (v.secret() && !v.value().isEmpty() && !sealed(v.value())) {
                    variables.put(
                            c,
                            new StoredVariable(v.name(), box.seal(v.value()), true, v.updatedAtMs(), v.expiresAtMs()));
                    vars++;
                }
            }
            int conns = 0;
            for (ConnectionStore.Stored s : connections.all(c)) {
                if (!sealed(s.config())) {
                    connections.update(
                            c,
                            new ConnectionStore.Stored(
                                    s.name(),
                                    s.type(),
                                    s.description(),
                                    box.seal(s.config()),
                                    s.createdAtMs(),
                                    s.updatedAtMs()));
                    conns++;
                }
            }
            int sets = 0;
            for (Map.Entry<String, String> e : settingsStore.all(c).entrySet()) {
                Optional<String> resealed = settings.sealClear(e.getKey(), e.getValue());
                if (resealed.isPresent()) {
                    settingsStore.put(c, e.getKey(), resealed.get());
                    sets++;
                }
            }
            return new Count(vars, conns, sets);
        });
        if (done.total() > 0) {
            LOG.info("KRONFORCE_ENCRYPTION_KEY is set: sealed the secrets stored in clear (" + done + ")");
        }
        return done;
    }

    private Count sealedWithoutKey() {
        return db.read(c -> {
            int vars = (int) variables.list(c).stream()
                    .filter(v -> v.secret() && sealed(v.value()))
                    .count();
            int conns = (int)
                    connections.all(c).stream().filter(s -> sealed(s.config())).count();
            int sets = (int) settingsStore.all(c).entrySet().stream()
                    .filter(e -> settings.holdsSealed(e.getKey(), e.getValue()))
                    .count();
            return new Count(vars, conns, sets);
        });
    }

    private static boolean sealed(String stored) {
        return stored != null && stored.startsWith(SecretBox.PREFIX);
    }
}
