package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Job;
import java.util.ArrayList;
import java.util.List;

/** A short, human description of what an update changed, for the event and the audit row. */
final class JobDiff {
    private JobDiff() {}

    static String describe(Job before, Job after) {
        List<String> changes = new ArrayList<>();
        if (!before.name().equals(after.name())) {
            changes.add("name: " + before.name() + " -> " + after.name());
        }
        if (before.status() != after.status()) {
            changes.add("status: " + before.status().wire() + " -> "
                    + after.status().wire());
        }
        ObjectNode was = before.spec().toJson();
        after.spec().toJson().properties().forEach(f -> {
            if (!f.getValue().equals(was.get(f.getKey()))) {
                changes.add(f.getKey() + " changed");
            }
        });
        return changes.isEmpty() ? "no changes" : String.join("; ", changes);
    }
}
