package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed between two stored versions of a job, field by field, in the snapshots' field order.
 *
 * @param from the older version compared
 * @param to the newer version compared
 */
public record VersionDiff(int from, int to, List<FieldChange> changes) {
    /** Bookkeeping every save moves; not part of what a version defines. */
    private static final Set<String> BOOKKEEPING = Set.of("id", "created_by", "created_at", "updated_at");
    /** Fields versions saved before snapshots held the whole job lack: unknown there, so not compared. */
    private static final Set<String> RECORDED_LATER = Set.of("name", "status");

    public VersionDiff {
        changes = List.copyOf(changes);
    }

    /** One field's value in each version; JSON null where the version has none. */
    public record FieldChange(String field, JsonNode before, JsonNode after) {}

    static VersionDiff between(int from, JsonNode before, int to, JsonNode after) {
        Set<String> fields = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        after.fieldNames().forEachRemaining(fields::add);
        List<FieldChange> changes = new ArrayList<>();
        for (String f : fields) {
            if (BOOKKEEPING.contains(f) || (RECORDED_LATER.contains(f) && !(before.has(f) && after.has(f)))) {
                continue;
            }
            JsonNode was = before.has(f) ? before.get(f) : NullNode.getInstance();
            JsonNode is = after.has(f) ? after.get(f) : NullNode.getInstance();
            if (!was.equals(is)) {
                changes.add(new FieldChange(f, was, is));
            }
        }
        return new VersionDiff(from, to, changes);
    }
}
