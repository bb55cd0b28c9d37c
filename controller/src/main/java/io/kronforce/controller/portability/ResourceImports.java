package io.kronforce.controller.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.jobs.Groups;
import io.kronforce.controller.portability.ImportItem.Action;
import io.kronforce.controller.resources.ConnectionTypes;
import io.kronforce.controller.resources.Connections;
import io.kronforce.controller.resources.Scripts;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.resources.Settings;
import io.kronforce.controller.resources.Variables;
import io.kronforce.controller.store.resources.ConnectionStore;
import io.kronforce.controller.store.resources.VariableStore.StoredVariable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans the import of everything but jobs: groups, variables, connections, scripts, settings.
 * Each item passes the checks its own API applies. A secret the file carries sealed is opened with
 * this controller's key and sealed again for storage; one that cannot be opened (another key, or
 * damaged) is refused — never stored as it is. A secret the file leaves out (masked) is skipped and
 * the stored one, if any, kept.
 */
final class ResourceImports {
    private static final Set<String> MASKS = Set.of(Connections.MASK, Variables.MASK);
    static final String NOT_OPENED =
            "sealed under another encryption key (or damaged): cannot be restored on this controller";
    /** Upstream's settings key for a group's pipeline schedule. */
    static final String PIPELINE = "pipeline_schedule_";

    static final String LEFT_OUT = "secret value left out of the export; the stored one, if any, is kept";

    private final ImportStores stores;
    private final Settings settings;
    private final SecretBox box;

    ResourceImports(ImportStores stores, Settings settings, SecretBox box) {
        this.stores = stores;
        this.settings = settings;
        this.box = box;
    }

    /** The plan for every section but jobs, in the order they are written. */
    List<Step> plan(ImportDocument doc, ImportStores.Existing existing, long nowMs) {
        List<Step> steps = new ArrayList<>();
        steps.addAll(groups(doc.groups(), existing, nowMs));
        steps.addAll(variables(doc.variables(), existing, nowMs));
        steps.addAll(connections(doc.connections(), existing, nowMs));
        steps.addAll(scripts(doc.scripts(), existing, nowMs));
        steps.addAll(settings(doc.settings(), existing, nowMs));
        return steps;
    }

    private List<Step> groups(List<JsonNode> items, ImportStores.Existing existing, long nowMs) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String raw = item.isTextual() ? item.asText() : null;
            try {
                String group = Groups.checkedName(item);
                if (Groups.DEFAULT.equals(group) || existing.groups().contains(group)) {
                    out.add(Step.only(ImportItem.skipped("groups", i, group, "group already exists")));
                    continue;
                }
                out.add(new Step(
                        new ImportItem("groups", i, group, null, Action.CREATE, null),
                        c -> stores.groups().ensure(c, group, nowMs)));
            } catch (KronforceException e) {
                out.add(Step.only(ImportItem.refused("groups", i, raw, e.getMessage())));
            }
        }
        return out;
    }

    /** Plans one item that has passed the common checks (an object, with a name not seen before in its section). */
    @FunctionalInterface
    private interface ItemPlan {
        Step plan(int index, JsonNode item, String name);
    }

    /** Each item of a named section: refused when not an object, unnamed, named twice or failing its own checks. */
    private static List<Step> each(String section, List<JsonNode> items, ItemPlan plan) {
        List<Step> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String name = Fields.nameOf(item, "name");
            try {
                requireObject(item);
                Fields.text(item, "name", true);
                out.add(
                        seen.add(name)
                                ? plan.plan(i, item, name)
                                : Step.only(ImportItem.refused(section, i, name, "named twice in the file")));
            } catch (KronforceException e) {
                out.add(Step.only(ImportItem.refused(section, i, name, e.getMessage())));
            }
        }
        return out;
    }

    private List<Step> variables(List<JsonNode> items, ImportStores.Existing existing, long nowMs) {
        return each("variables", items, (i, item, name) -> {
            Variables.check(name, Fields.text(item, "value", true));
            String value = item.get("value").asText();
            boolean secret = Fields.bool(item, "secret");
            long updated = Fields.time(item, "updated_at", nowMs);
            Long expires = Fields.time(item, "expires_at");
            if (secret && MASKS.contains(value)) {
                return Step.only(ImportItem.skipped("variables", i, name, LEFT_OUT));
            }
            Optional<String> clear = secret ? opened(value) : Optional.of(value);
            if (clear.isEmpty()) {
                return Step.only(ImportItem.refused("variables", i, name, "secret value " + NOT_OPENED));
            }
            StoredVariable v =
                    new StoredVariable(name, secret ? box.seal(clear.get()) : clear.get(), secret, updated, expires);
            return new Step(
                    written("variables", i, name, existing.variables().contains(name)),
                    c -> stores.variables().put(c, v));
        });
    }

    private List<Step> connections(List<JsonNode> items, ImportStores.Existing existing, long nowMs) {
        return each("connections", items, (i, item, name) -> {
            String type = Fields.text(item, "conn_type", true);
            Connections.check(name, type);
            JsonNode config = item.get("config");
            if (config == null || !config.isObject()) {
                throw new KronforceException.InvalidInput("/config", "config must be an object");
            }
            ObjectNode clear = config.deepCopy();
            List<String> masked = new ArrayList<>();
            List<String> unopened = new ArrayList<>();
            ConnectionTypes.secrets(type).apply(clear, (path, v) -> {
                if (MASKS.contains(v)) {
                    masked.add(path);
                    return v;
                }
                return opened(v).orElseGet(() -> {
                    unopened.add(path);
                    return v;
                });
            });
            if (!unopened.isEmpty()) {
                return Step.only(ImportItem.refused(
                        "connections", i, name, "config " + String.join(", ", unopened) + " " + NOT_OPENED));
            }
            if (!masked.isEmpty()) {
                return Step.only(ImportItem.skipped(
                        "connections", i, name, "config " + String.join(", ", masked) + ": " + LEFT_OUT));
            }
            long updated = Fields.time(item, "updated_at", nowMs);
            ConnectionStore.Stored s = new ConnectionStore.Stored(
                    name,
                    type,
                    Fields.text(item, "description", false),
                    box.seal(clear.toString()),
                    Fields.time(item, "created_at", updated),
                    updated);
            boolean exists = existing.connections().contains(name);
            return new Step(written("connections", i, name, exists), c -> {
                if (exists) {
                    stores.connections().update(c, s);
                } else {
                    stores.connections().insert(c, s);
                }
            });
        });
    }

    private List<Step> scripts(List<JsonNode> items, ImportStores.Existing existing, long nowMs) {
        return each("scripts", items, (i, item, name) -> {
            String type =
                    Optional.ofNullable(Fields.text(item, "script_type", false)).orElse(Scripts.SCRIPT);
            String code = Fields.text(item, "code", true);
            int size = Scripts.check(name, code, type);
            long updated = Fields.time(item, "updated_at", nowMs);
            return new Step(
                    written("scripts", i, name, existing.scripts().contains(name)),
                    c -> stores.scripts().save(c, name, type, code, size, updated));
        });
    }

    /**
     * Upstream keeps a group's pipeline schedule in the setting {@code pipeline_schedule_<group>};
     * we keep it with the group (and export it under that key): it is restored there. A kind we do
     * not run pipelines on (only cron and interval) is skipped, not refused.
     */
    private Step pipeline(String key, String value, ImportStores.Existing existing, long nowMs) {
        try {
            String group = Groups.checkedName(TextNode.valueOf(key.substring(PIPELINE.length())));
            JsonNode given;
            try {
                given = JsonMapping.MAPPER.readTree(value);
            } catch (JsonProcessingException ex) {
                throw new KronforceException.InvalidInput("/" + key, "a pipeline schedule must be schedule JSON");
            }
            String type = given.path("type").asText();
            if (!type.equals("cron") && !type.equals("interval")) {
                return Step.only(ImportItem.skipped(
                        "settings", -1, key, "pipelines run on cron or interval schedules only, not " + type));
            }
            JsonNode schedule = Groups.pipelineSchedule(given);
            return new Step(written("settings", -1, key, existing.groups().contains(group)), c -> {
                stores.groups().ensure(c, group, nowMs);
                stores.groups().setPipeline(c, group, schedule, nowMs);
            });
        } catch (KronforceException ex) {
            return Step.only(ImportItem.refused("settings", -1, key, ex.getMessage()));
        }
    }

    /** The group whose pipeline an item wrote, if it wrote one. */
    static Optional<String> pipelineGroup(ImportItem item) {
        boolean written = item.action() == Action.CREATE || item.action() == Action.UPDATE;
        return item.section().equals("settings") && written && item.name().startsWith(PIPELINE)
                ? Optional.of(item.name().substring(PIPELINE.length()))
                : Optional.empty();
    }

    private List<Step> settings(Map<String, JsonNode> items, ImportStores.Existing existing, long nowMs) {
        List<Step> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : items.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(PIPELINE) && e.getValue().isTextual()) {
                out.add(pipeline(key, e.getValue().asText(), existing, nowMs));
                continue;
            }
            if (!e.getValue().isTextual()) {
                // Upstream skips a value that is not a string; its own export never writes one.
                out.add(Step.only(ImportItem.refused("settings", -1, key, "setting '" + key + "' must be a string")));
                continue;
            }
            String value = e.getValue().asText();
            if (MASKS.stream().anyMatch(value::contains)) {
                out.add(Step.only(ImportItem.skipped("settings", -1, key, LEFT_OUT)));
                continue;
            }
            Optional<String> clear = settings.opened(key, value);
            if (clear.isEmpty()) {
                out.add(Step.only(ImportItem.refused("settings", -1, key, "a secret part " + NOT_OPENED)));
                continue;
            }
            try {
                settings.check(key, clear.get());
                out.add(new Step(
                        written("settings", -1, key, existing.settings().contains(key)),
                        c -> settings.restore(c, key, clear.get())));
            } catch (KronforceException ex) {
                out.add(Step.only(ImportItem.refused("settings", -1, key, ex.getMessage())));
            }
        }
        return out;
    }

    /** A secret as the file carries it, in clear: opened when sealed, empty when it cannot be opened here. */
    private Optional<String> opened(String value) {
        return value.startsWith(SecretBox.PREFIX) ? box.open(value) : Optional.of(value);
    }

    private static ImportItem written(String section, int index, String name, boolean exists) {
        return new ImportItem(section, index, name, null, exists ? Action.UPDATE : Action.CREATE, null);
    }

    static void requireObject(JsonNode item) {
        if (!item.isObject()) {
            throw new KronforceException.InvalidInput("", "each item must be an object");
        }
    }
}
