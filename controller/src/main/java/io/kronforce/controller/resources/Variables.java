package io.kronforce.controller.resources;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.RunLogRecord;
import io.kronforce.controller.domain.StoreConflictException;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.store.resources.VariableStore;
import io.kronforce.controller.store.resources.VariableStore.StoredVariable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Global variables. Secret values are sealed with the {@link SecretBox} before they reach the
 * store and are masked in every view; only the executor's substitution sees them in clear.
 */
public final class Variables {
    private static final Logger LOG = Logger.getLogger(Variables.class.getName());
    public static final String MASK = io.kronforce.controller.exec.SecretMask.MASK;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,255}");
    static final int MAX_VALUE_CHARS = 1_000_000;

    private final Database db;
    private final VariableStore store;
    private final SecretBox box;
    private final AuditTrail audit;
    private final InstantSource clock;
    private final AtomicLong generation = new AtomicLong();
    private volatile Cached cache;

    /** Clear values for substitution and the names of the secret ones; rebuilt after every change. */
    public record Resolved(Map<String, String> values, java.util.Set<String> secretNames) {}

    private record Cached(long generation, Resolved resolved) {}

    /** A variable as callers see it: secret values already masked. */
    public record View(String name, String value, long updatedAtMs, boolean secret, Long expiresAtMs) {}

    public Variables(Database db, VariableStore store, SecretBox box, AuditTrail audit, InstantSource clock) {
        this.db = db;
        this.store = store;
        this.box = box;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The values substitution uses, cached: a trigger must not scan the table. A secret that
     * cannot be opened (wrong or missing key) is left out, so its placeholder stays unresolved.
     * The cache is tagged with the change generation read before loading, so a load that raced a
     * change is never served after it (a plain null-on-change could be overwritten by that load).
     */
    public Resolved resolved() {
        long now = generation.get();
        Cached current = cache;
        if (current != null && current.generation() == now) {
            return current.resolved();
        }
        Resolved fresh = load();
        cache = new Cached(now, fresh);
        return fresh;
    }

    private Resolved load() {
        Map<String, String> values = new HashMap<>();
        java.util.Set<String> secrets = new java.util.HashSet<>();
        for (StoredVariable v : store.list()) {
            if (v.secret()) {
                secrets.add(v.name());
                box.open(v.value()).ifPresent(x -> values.put(v.name(), x));
            } else {
                values.put(v.name(), v.value());
            }
        }
        return new Resolved(Map.copyOf(values), java.util.Set.copyOf(secrets));
    }

    private <T> T changing(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } finally {
            changed();
        }
    }

    /** Drops the cached values; called after a commit that changed variables. */
    public void changed() {
        generation.incrementAndGet();
    }

    /**
     * Upserts values extracted from a run's output (docs/reference/variables-and-secrets.md#variables: plain values),
     * inside the caller's transaction and audited as the system; call {@link #changed()} after the commit. A secret
     * variable stays secret and its new value is sealed like any other. A bad name or an
     * oversized value is skipped and logged rather than failing the run's record.
     */
    public void writeExtracted(Connection c, Map<String, String> values, String executionId) throws SQLException {
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = e.getKey();
            if (!NAME.matcher(name).matches() || e.getValue().length() > MAX_VALUE_CHARS) {
                RunLogRecord.log(
                        LOG,
                        java.util.logging.Level.WARNING,
                        "execution " + executionId + " extracted an unusable value for variable '" + name + "'",
                        executionId,
                        null,
                        null);
                continue;
            }
            java.util.Optional<StoredVariable> current = store.find(c, name);
            String details = "extracted by execution " + executionId;
            if (current.isPresent()) {
                String stored = current.get().secret() ? box.seal(e.getValue()) : e.getValue();
                store.updateValue(c, name, stored, clock.millis());
                audit.record(c, Principal.SYSTEM, "variable.updated", "variable", name, details);
            } else {
                store.insert(c, new StoredVariable(name, e.getValue(), false, clock.millis(), null));
                audit.record(c, Principal.SYSTEM, "variable.created", "variable", name, details);
            }
        }
    }

    public List<View> list() {
        return store.list().stream().map(Variables::view).toList();
    }

    public View get(String name) {
        return view(store.find(name).orElseThrow(() -> notFound(name)));
    }

    public View create(Principal actor, String name, String value, boolean secret, Long expiresAtMs) {
        check(name, value);
        StoredVariable v =
                new StoredVariable(name, secret ? box.seal(value) : value, secret, clock.millis(), expiresAtMs);
        try {
            changing(() -> db.write(c -> {
                store.insert(c, v);
                audit.record(c, actor, "variable.created", "variable", name, secret ? "secret" : null);
                return null;
            }));
        } catch (StoreConflictException e) {
            throw new KronforceException.Conflict(ProblemType.DUPLICATE_NAME, "variable '" + name + "' already exists");
        }
        return view(v);
    }

    public View update(Principal actor, String name, String value) {
        checkValue(value);
        StoredVariable updated = changing(() -> db.write(c -> {
            StoredVariable current = store.find(c, name).orElseThrow(() -> notFound(name));
            String stored = current.secret() ? box.seal(value) : value;
            store.updateValue(c, name, stored, clock.millis());
            audit.record(c, actor, "variable.updated", "variable", name, null);
            return new StoredVariable(name, stored, current.secret(), clock.millis(), current.expiresAtMs());
        }));
        return view(updated);
    }

    public void delete(Principal actor, String name) {
        changing(() -> db.write(c -> {
            if (!store.delete(c, name)) {
                throw notFound(name);
            }
            audit.record(c, actor, "variable.deleted", "variable", name, null);
            return null;
        }));
    }

    /** The checks a new variable passes (name and value), for callers that write variables in bulk. */
    public static void check(String name, String value) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new KronforceException.InvalidInput("/name", "variable name must match [A-Za-z0-9_]+");
        }
        checkValue(value);
    }

    private static void checkValue(String value) {
        if (value == null) {
            throw new KronforceException.InvalidInput("/value", "value is required");
        }
        if (value.length() > MAX_VALUE_CHARS) {
            throw new KronforceException.InvalidInput("/value", "value longer than " + MAX_VALUE_CHARS + " characters");
        }
    }

    private static View view(StoredVariable v) {
        return new View(v.name(), v.secret() ? MASK : v.value(), v.updatedAtMs(), v.secret(), v.expiresAtMs());
    }

    private static KronforceException notFound(String name) {
        return new KronforceException.NotFound(ProblemType.VARIABLE_NOT_FOUND, "variable not found");
    }
}
