package io.kronforce.controller.resources;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.listing.ScriptSummary;
import io.kronforce.controller.domain.listing.StoredScript;
import io.kronforce.controller.executions.RunPreparation;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.store.resources.ScriptStore;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stored scripts (docs/reference/rest.md#variables-connections-scripts): code for {@code script} tasks
 * ({@code script_type} {@code rhai}, upstream's name for it, now JavaScript) and Dockerfiles for {@code docker_build}
 * tasks. Saving and deleting write an event and an audit row in the same transaction. Runs get the code through
 * {@link #code}, which {@link RunPreparation} copies into the task.
 */
public final class Scripts {
    public static final String SCRIPT = "rhai";
    public static final String DOCKERFILE = "dockerfile";
    private static final Set<String> TYPES = Set.of(SCRIPT, DOCKERFILE);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    /** Upstream's limit. */
    static final int MAX_CODE_BYTES = 1024 * 1024;

    private final Database db;
    private final ScriptStore store;
    private final AuditTrail audit;
    private final EventLog events;
    private final InstantSource clock;

    public Scripts(Database db, ScriptStore store, AuditTrail audit, EventLog events, InstantSource clock) {
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public List<ScriptSummary> list() {
        return store.list();
    }

    public StoredScript get(String name) {
        return store.find(name).orElseThrow(() -> notFound(name));
    }

    /**
     * Creates or replaces a script. Without a type, an existing script keeps its own and a new one
     * is a {@code rhai} (script task) script.
     */
    public void save(Principal actor, String name, String code, String type) {
        int size = check(name, code, type);
        String kind = type != null
                ? type
                : store.find(name).map(s -> s.summary().type()).orElse(SCRIPT);
        var event = db.write(c -> {
            store.save(c, name, kind, code, size, clock.millis());
            audit.record(c, actor, "script.saved", "script", name, kind);
            return events.write(
                    c,
                    actor,
                    EventKind.SCRIPT_SAVED,
                    "info",
                    "Script '" + name + "' saved",
                    new EventLog.Subject(null, null, null, null));
        });
        events.publish(event.stream().toList());
    }

    /**
     * The checks a script passes before it is saved ({@code type} may be null); its size in bytes.
     * For callers that write scripts in bulk too.
     */
    public static int check(String name, String code, String type) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new KronforceException.InvalidInput("/name", "script name must be 1-100 letters, digits, '_' or '-'");
        }
        if (code == null) {
            throw new KronforceException.InvalidInput("/code", "code is required");
        }
        int size = code.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_CODE_BYTES) {
            throw new KronforceException.InvalidInput("/code", "script exceeds 1MB size limit");
        }
        if (type != null && !TYPES.contains(type)) {
            throw new KronforceException.InvalidInput("/script_type", "script_type must be rhai or dockerfile");
        }
        return size;
    }

    public void delete(Principal actor, String name) {
        var event = db.write(c -> {
            if (!store.delete(c, name)) {
                throw notFound(name);
            }
            audit.record(c, actor, "script.deleted", "script", name, null);
            return events.write(
                    c,
                    actor,
                    EventKind.SCRIPT_DELETED,
                    "warning",
                    "Script '" + name + "' deleted",
                    new EventLog.Subject(null, null, null, null));
        });
        events.publish(event.stream().toList());
    }

    /** The code of a stored script of the given type; empty when there is no such script. */
    Optional<String> code(String name, String type) {
        return store.find(name).filter(s -> s.summary().type().equals(type)).map(StoredScript::code);
    }

    private static KronforceException notFound(String name) {
        return new KronforceException.NotFound(ProblemType.SCRIPT_NOT_FOUND, "script '" + name + "' not found");
    }
}
