package io.kronforce.controller.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.listing.JobVersion;
import io.kronforce.controller.domain.listing.StoredScript;
import io.kronforce.controller.jobs.Groups;
import io.kronforce.controller.jobs.JobDocument;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.resources.ConnectionTypes;
import io.kronforce.controller.resources.Connections;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.resources.Settings;
import io.kronforce.controller.store.GroupStore;
import io.kronforce.controller.store.resources.ConnectionStore;
import io.kronforce.controller.store.resources.VariableStore.StoredVariable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code GET /api/data/export}: upstream's export document (docs/reference/rest.md#the-export-document),
 * with each job's {@code version} and {@code versions} and a {@code scripts} section beyond upstream.
 * No secret leaves in clear: with secrets they are sealed afresh under the controller's key
 * ({@code enc:…}, upstream's format), so only a controller with the same key can restore them;
 * without, they are masked and named in {@code omitted_secrets}. A secret this controller cannot
 * open itself is always left out and named. Every export is audited.
 */
public final class DataExport {
    static final int EXPORT_VERSION = 2;

    private final Database db;
    private final ImportStores stores;
    private final Settings settings;
    private final SecretBox box;
    private final AuditTrail audit;
    private final InstantSource clock;

    public DataExport(
            Database db, ImportStores stores, Settings settings, SecretBox box, AuditTrail audit, InstantSource clock) {
        this.db = db;
        this.stores = stores;
        this.settings = settings;
        this.box = box;
        this.audit = audit;
        this.clock = clock;
    }

    /** The document. {@code includeSecrets} without an encryption key is refused: they would leave in clear. */
    public ObjectNode export(Principal actor, boolean includeSecrets) {
        if (includeSecrets && !box.enabled()) {
            throw new KronforceException.InvalidInput(
                    "include_secrets",
                    "include_secrets=true needs KRONFORCE_ENCRYPTION_KEY: secrets are exported only sealed");
        }
        List<String> omitted = new ArrayList<>();
        // One read transaction: the document is one consistent state, whatever commits meanwhile.
        ObjectNode doc = db.readSnapshot(c -> document(c, includeSecrets, omitted));
        doc.put("secrets", includeSecrets ? "sealed" : "omitted");
        ArrayNode left = doc.putArray("omitted_secrets");
        omitted.forEach(left::add);
        db.write(c -> {
            audit.record(
                    c,
                    actor,
                    "data.exported",
                    "data",
                    null,
                    (includeSecrets ? "secrets sealed" : "secrets omitted") + ", " + omitted.size() + " left out");
            return null;
        });
        return doc;
    }

    private ObjectNode document(Connection c, boolean includeSecrets, List<String> omitted) throws SQLException {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("export_version", EXPORT_VERSION).put("exported_at", Times.format(clock.millis()));
        doc.set("jobs", jobs(c));
        TreeSet<String> groupNames = new TreeSet<>(stores.groups().names(c));
        groupNames.add(Groups.DEFAULT);
        groupNames.forEach(doc.putArray("groups")::add);
        ObjectNode settingsSection = settings(stores.settings().all(c), includeSecrets, omitted);
        for (GroupStore.Pipeline p : stores.groups().pipelines(c)) {
            // Upstream's settings key for a group's pipeline schedule.
            settingsSection.put(
                    ResourceImports.PIPELINE + p.group(), p.schedule().toString());
        }
        doc.set("settings", settingsSection);
        doc.set("variables", variables(stores.variables().list(c), includeSecrets, omitted));
        doc.set("connections", connections(stores.connections().all(c), includeSecrets, omitted));
        doc.set("scripts", scripts(stores.scripts().all(c)));
        return doc;
    }

    private ArrayNode jobs(Connection c) throws SQLException {
        Map<String, List<JobVersion>> versions = stores.jobs().allVersions(c);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Job job : stores.jobs().all(c)) {
            ObjectNode j = JobDocument.of(job);
            j.remove("webhook_token_prefix"); // the token is not exported; an import cannot restore it
            j.put("version", job.version());
            ArrayNode history = j.putArray("versions");
            for (JobVersion v : versions.getOrDefault(job.id(), List.of())) {
                history.addObject()
                        .put("version", v.version())
                        .<ObjectNode>set("snapshot", v.snapshot())
                        .put("changed_by", v.changedBy())
                        .put("created_at", Times.format(v.createdAtMs()));
            }
            out.add(j);
        }
        return out;
    }

    private ObjectNode settings(Map<String, String> stored, boolean includeSecrets, List<String> omitted) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (includeSecrets) {
            settings.sealed(stored, k -> omitted.add("setting " + k + " (cannot be opened with this key)"))
                    .forEach(out::put);
            return out;
        }
        settings.plain(stored).forEach((k, v) -> {
            if (settings.hasSecrets(k, v)) {
                omitted.add("setting " + k);
            }
        });
        settings.masked(stored).forEach(out::put);
        return out;
    }

    private ArrayNode variables(List<StoredVariable> stored, boolean includeSecrets, List<String> omitted) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (StoredVariable v : stored) {
            ObjectNode item = out.addObject().put("name", v.name());
            Optional<String> value = v.secret() ? box.open(v.value()) : Optional.of(v.value());
            if (v.secret() && includeSecrets && value.isPresent()) {
                item.put("value", box.seal(value.get()));
            } else if (v.secret()) {
                item.put("value", Connections.MASK); // upstream's mask in its exports
                omitted.add("variable " + v.name() + (value.isEmpty() ? " (cannot be opened with this key)" : ""));
            } else {
                item.put("value", v.value());
            }
            item.put("updated_at", Times.format(v.updatedAtMs())).put("secret", v.secret());
            if (v.expiresAtMs() != null) {
                item.put("expires_at", Times.format(v.expiresAtMs()));
            }
        }
        return out;
    }

    private ArrayNode connections(List<ConnectionStore.Stored> stored, boolean includeSecrets, List<String> omitted) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (ConnectionStore.Stored s : stored) {
            Optional<ObjectNode> config = box.open(s.config()).flatMap(DataExport::object);
            if (config.isEmpty()) {
                omitted.add("connection " + s.name() + " (cannot be opened with this key)");
                continue;
            }
            List<String> masked = new ArrayList<>();
            ConnectionTypes.secrets(s.type()).apply(config.get(), (path, v) -> {
                if (includeSecrets) {
                    return box.seal(v);
                }
                masked.add(path);
                return Connections.MASK;
            });
            masked.sort(null);
            if (!masked.isEmpty()) {
                omitted.add("connection " + s.name() + ": " + String.join(", ", masked));
            }
            out.addObject()
                    .put("name", s.name())
                    .put("conn_type", s.type())
                    .put("description", s.description())
                    .<ObjectNode>set("config", config.get())
                    .put("created_at", Times.format(s.createdAtMs()))
                    .put("updated_at", Times.format(s.updatedAtMs()));
        }
        return out;
    }

    private static Optional<ObjectNode> object(String json) {
        try {
            return JsonMapping.MAPPER.readTree(json) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private ArrayNode scripts(List<StoredScript> stored) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (StoredScript s : stored) {
            out.addObject()
                    .put("name", s.summary().name())
                    .put("script_type", s.summary().type())
                    .put("code", s.code())
                    .put("created_at", Times.format(s.summary().createdAtMs()))
                    .put("updated_at", Times.format(s.summary().updatedAtMs()));
        }
        return out;
    }
}
