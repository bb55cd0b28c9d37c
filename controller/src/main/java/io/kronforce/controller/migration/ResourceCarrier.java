package io.kronforce.controller.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.resources.Connections;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.schedule.Schedules;
import io.kronforce.controller.store.GroupStore;
import io.kronforce.controller.store.resources.ConnectionStore;
import io.kronforce.controller.store.resources.VariableStore;
import io.kronforce.controller.store.upstream.UpstreamRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Variables, connections, and the groups and pipeline schedules upstream kept in settings. Secrets
 * are opened with upstream's key and sealed with ours; what cannot be opened is named in the report
 * (its value must be entered again), never stored as upstream's ciphertext, which nothing here could read.
 */
final class ResourceCarrier {
    static final String CUSTOM_GROUPS = "custom_groups";
    static final String PIPELINE_PREFIX = "pipeline_schedule_";

    private final VariableStore variables;
    private final ConnectionStore connections;
    private final GroupStore groups;
    private final SecretBox ours;
    private final MigrationReport report;
    private final SecretScrub scrub;

    ResourceCarrier(
            VariableStore variables,
            ConnectionStore connections,
            GroupStore groups,
            SecretBox ours,
            MigrationReport report,
            SecretScrub scrub) {
        this.variables = variables;
        this.connections = connections;
        this.groups = groups;
        this.ours = ours;
        this.report = report;
        this.scrub = scrub;
    }

    /**
     * How upstream's secrets are opened, and where its key came from (for the report's reasons).
     *
     * @param keySource empty when no upstream key was given
     */
    record Theirs(SecretBox box, Optional<String> keySource) {
        String cannotOpen() {
            return keySource
                    .map(source -> "does not open with the key from " + source
                            + " (upstream used another KRONFORCE_ENCRYPTION_KEY?); enter it again")
                    .orElse("sealed with upstream's KRONFORCE_ENCRYPTION_KEY, which was not given"
                            + " (--from-key-file or KRONFORCE_UPSTREAM_ENCRYPTION_KEY); enter it again");
        }
    }

    List<Write> variables(List<UpstreamRows.Variable> rows, Theirs theirs, long nowMs) {
        List<Write> writes = new ArrayList<>();
        for (UpstreamRows.Variable v : rows) {
            String value = v.value() == null ? "" : v.value();
            if (v.secret()) {
                Optional<String> plain = theirs.box().open(value);
                if (plain.isEmpty()) {
                    report.notCarried("secret variable", v.name(), theirs.cannotOpen());
                    continue;
                }
                scrub.variable(v.name(), plain.get());
                value = ours.seal(plain.get());
            }
            VariableStore.StoredVariable row = new VariableStore.StoredVariable(
                    v.name(),
                    value,
                    v.secret(),
                    UpstreamValues.time(v.updatedAt(), nowMs),
                    UpstreamValues.timeOrNull(v.expiresAt()));
            writes.add(c -> variables.insert(c, row));
            report.carried(v.secret() ? "secret variables" : "variables");
        }
        return writes;
    }

    List<Write> connections(List<UpstreamRows.Connection> rows, Theirs theirs, long nowMs) {
        List<Write> writes = new ArrayList<>();
        for (UpstreamRows.Connection row : rows) {
            if (!Connections.TYPES.contains(row.connType())) {
                report.notCarried("connection", row.name(), "unknown conn_type '" + row.connType() + "'");
                continue;
            }
            Optional<String> text = theirs.box().open(row.config() == null ? "{}" : row.config());
            if (text.isEmpty()) {
                report.notCarried("connection", row.name(), theirs.cannotOpen());
                continue;
            }
            JsonNode config;
            try {
                config = UpstreamValues.json(text.get());
            } catch (IllegalArgumentException e) {
                config = null;
            }
            if (!(config instanceof ObjectNode)) {
                report.notCarried("connection", row.name(), "its config is not a JSON object");
                continue;
            }
            scrub.connection(row.connType(), config);
            long created = UpstreamValues.time(row.createdAt(), nowMs);
            ConnectionStore.Stored stored = new ConnectionStore.Stored(
                    row.name(),
                    row.connType(),
                    row.description(),
                    ours.seal(config.toString()),
                    created,
                    UpstreamValues.time(row.updatedAt(), created));
            writes.add(c -> connections.insert(c, stored));
            report.carried("connections");
        }
        return writes;
    }

    /** Upstream's {@code custom_groups} and {@code pipeline_schedule_<group>} settings as our group rows. */
    List<Write> groups(Map<String, String> settings, long nowMs) {
        List<Write> writes = new ArrayList<>();
        String custom = settings.get(CUSTOM_GROUPS);
        if (custom != null) {
            JsonNode names;
            try {
                names = UpstreamValues.json(custom);
            } catch (IllegalArgumentException e) {
                names = null;
            }
            if (names == null || !names.isArray()) {
                report.notCarried("setting", CUSTOM_GROUPS, "not a JSON array of group names");
            } else {
                for (JsonNode name : names) {
                    if (name.isTextual() && !name.asText().isBlank()) {
                        writes.add(c -> groups.ensure(c, name.asText(), nowMs));
                        report.carried("groups");
                    }
                }
            }
        }
        settings.forEach((key, value) -> {
            if (!key.startsWith(PIPELINE_PREFIX)) {
                return;
            }
            String group = key.substring(PIPELINE_PREFIX.length());
            try {
                JsonNode schedule = Schedules.normalize(UpstreamValues.json(value));
                writes.add(c -> groups.setPipeline(c, group, schedule, nowMs));
                report.carried("pipelines");
            } catch (Schedules.ScheduleException | IllegalArgumentException e) {
                report.notCarried("pipeline schedule", group, String.valueOf(e.getMessage()));
            }
        });
        return writes;
    }
}
