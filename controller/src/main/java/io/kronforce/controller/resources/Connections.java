package io.kronforce.controller.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.StoreConflictException;
import io.kronforce.controller.jobs.SpecFields;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.store.resources.ConnectionStore;
import io.kronforce.task.EgressPolicy;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Named connections (docs/reference/variables-and-secrets.md#connections): CRUD, masking and sealing. The config is
 * sealed whole with the controller's {@link SecretBox} (upstream's format) and the secret members its type declares
 * ({@link ConnectionTypes}) are masked in every answer, nested ones too; an update that sends a masked value back
 * keeps the stored one, other keys overlay.
 * Duplicate names are 409 (upstream answers 500). Runs get the plain config through
 * {@link #config}; it never reaches a response, a snapshot or a log.
 */
public final class Connections {
    /** Upstream's mask for connection secrets (variables use bullets). */
    public static final String MASK = "********";

    /** The connection types ({@link ConnectionTypes} declares each one's secret members). */
    public static final Set<String> TYPES = ConnectionTypes.TYPES;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final ObjectMapper JSON = JsonMapping.MAPPER;

    private final Database db;
    private final ConnectionStore store;
    private final SecretBox box;
    private final AuditTrail audit;
    private final InstantSource clock;
    private final ConnectionProbe probe;

    public Connections(
            Database db,
            ConnectionStore store,
            SecretBox box,
            AuditTrail audit,
            EgressPolicy egress,
            InstantSource clock) {
        this.db = db;
        this.store = store;
        this.box = box;
        this.audit = audit;
        this.clock = clock;
        this.probe = new ConnectionProbe(egress);
    }

    /** What a connection test found (docs/reference/variables-and-secrets.md#connection-test). */
    public record TestResult(boolean success, String message) {}

    /** Tries to reach the connection's server (never with more than the egress policy allows). */
    public TestResult test(String name) {
        ConnectionStore.Stored s = require(name);
        ObjectNode config = open(s);
        ConnectionProbe.Result r = probe.test(s.type(), config);
        // A client library's message may quote what it was given (a URL with its password): never a secret.
        String message = r.message() == null ? "" : r.message();
        for (String secret : ConnectionTypes.secrets(s.type()).values(config)) {
            message = secret.length() < 4 ? message : message.replace(secret, MASK);
        }
        return new TestResult(r.success(), message);
    }

    /** A connection as answers show it: secrets masked. */
    public record View(
            String name, String type, String description, ObjectNode config, long createdAtMs, long updatedAtMs) {}

    public List<View> list() {
        return store.all().stream().map(this::view).toList();
    }

    public View get(String name) {
        return view(require(name));
    }

    public View create(Principal actor, ObjectNode body) {
        String name = text(body, "name", true);
        String type = text(body, "conn_type", true);
        check(name, type);
        ObjectNode config = config(body.get("config"), true);
        long now = clock.millis();
        ConnectionStore.Stored s =
                new ConnectionStore.Stored(name, type, text(body, "description", false), seal(config), now, now);
        try {
            db.write(c -> {
                store.insert(c, s);
                audit.record(c, actor, "connection.created", "connection", name, type);
                return null;
            });
        } catch (StoreConflictException e) {
            throw new KronforceException.Conflict(
                    ProblemType.DUPLICATE_NAME, "connection '" + name + "' already exists");
        }
        return view(s);
    }

    /** Overlays the sent fields; config keys sent as the mask keep their stored value. */
    public View update(Principal actor, String name, ObjectNode body) {
        ConnectionStore.Stored current = require(name);
        String type = body.hasNonNull("conn_type") ? type(text(body, "conn_type", true)) : current.type();
        String description = body.has("description") ? text(body, "description", false) : current.description();
        ObjectNode config = open(current);
        if (body.hasNonNull("config")) {
            ObjectNode sent = config(body.get("config"), false);
            // A secret sent back masked keeps the stored one, at any depth (a header value inside headers too).
            MaskedMembers.restore(
                    sent, config.deepCopy(), "", MASK, ConnectionTypes.secrets(type), Connections::stillMasked);
            sent.properties().forEach(f -> config.set(f.getKey(), f.getValue()));
        }
        ConnectionStore.Stored next = new ConnectionStore.Stored(
                name, type, description, seal(config), current.createdAtMs(), clock.millis());
        db.write(c -> {
            if (!store.update(c, next)) {
                throw notFound(name);
            }
            audit.record(c, actor, "connection.updated", "connection", name, null);
            return null;
        });
        return view(next);
    }

    public void delete(Principal actor, String name) {
        db.write(c -> {
            if (!store.delete(c, name)) {
                throw notFound(name);
            }
            audit.record(c, actor, "connection.deleted", "connection", name, null);
            return null;
        });
    }

    /** The plain config and type of a connection, for a run or a test; empty when there is none. */
    public Optional<Plain> config(String name) {
        return store.find(name).map(s -> new Plain(s.type(), open(s)));
    }

    /** A connection as a run uses it. */
    public record Plain(String type, ObjectNode config) {}

    private ConnectionStore.Stored require(String name) {
        return store.find(name).orElseThrow(() -> notFound(name));
    }

    private static KronforceException notFound(String name) {
        return new KronforceException.NotFound(ProblemType.CONNECTION_NOT_FOUND, "connection '" + name + "' not found");
    }

    private static KronforceException stillMasked(String at) {
        return new KronforceException.InvalidInput(
                "/config" + at,
                "config member " + at + " is masked and no stored secret is there to keep; send the secret itself");
    }

    private View view(ConnectionStore.Stored s) {
        ObjectNode masked = ConnectionTypes.secrets(s.type()).masked(open(s), MASK);
        return new View(s.name(), s.type(), s.description(), masked, s.createdAtMs(), s.updatedAtMs());
    }

    private String seal(ObjectNode config) {
        return box.seal(config.toString());
    }

    private ObjectNode open(ConnectionStore.Stored s) {
        String text = box.open(s.config())
                .orElseThrow(() -> new IllegalStateException(
                        "connection '" + s.name() + "' is sealed with another KRONFORCE_ENCRYPTION_KEY"));
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connection '" + s.name() + "' is not JSON", e);
        }
    }

    /** The checks a new connection's name and type pass, for callers that write connections in bulk. */
    public static void check(String name, String type) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new KronforceException.InvalidInput("/name", "name must be 1-100 letters, digits, '_' or '-'");
        }
        type(type);
    }

    private static String type(String type) {
        if (type == null || !TYPES.contains(type)) {
            throw new KronforceException.InvalidInput(
                    "/conn_type",
                    "conn_type must be one of " + TYPES.stream().sorted().toList());
        }
        return type;
    }

    private static ObjectNode config(JsonNode v, boolean required) {
        if (v == null || v.isNull()) {
            if (required) {
                throw new KronforceException.InvalidInput("/config", "config is required");
            }
            return JSON.createObjectNode();
        }
        SpecFields.requireType(v.isObject(), "config", "an object");
        if (required && v.toString().contains(MASK)) {
            throw new KronforceException.InvalidInput(
                    "/config", "config contains a masked value; send the secret itself");
        }
        return (ObjectNode) v.deepCopy();
    }

    private static String text(ObjectNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new KronforceException.InvalidInput("/" + field, field + " is required");
            }
            return null;
        }
        SpecFields.requireType(v.isTextual(), field, "a string");
        return v.asText();
    }
}
