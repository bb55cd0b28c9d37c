package io.kronforce.controller.jobs;

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
            changes.add("status: " + before.status().wire() + " -> " + after.status().wire());
        }
        after.spec().properties().forEach(f -> {
            if (!f.getValue().equals(before.spec().get(f.getKey()))) {
                changes.add(f.getKey() + " changed");
            }
        });
        return changes.isEmpty() ? "no changes" : String.join("; ", changes);
    }
}
