package io.kronforce.notifier.webhooks;

import io.kronforce.notifier.Notification;
import java.util.ArrayList;
import java.util.List;

/** The name/value lines every card-style payload shows beside the text, absent ones left out. */
record Facts(String name, String value) {

    static List<Facts> of(Notification n) {
        List<Facts> facts = new ArrayList<>();
        add(facts, "Job", n.jobName());
        add(facts, "Status", n.status());
        add(facts, "Execution", n.executionId());
        add(facts, "Event", n.kind().wire());
        add(facts, "Severity", n.severity().wire());
        return facts;
    }

    private static void add(List<Facts> facts, String name, String value) {
        if (value != null && !value.isBlank()) {
            facts.add(new Facts(name, value));
        }
    }

    /** {@code text} cut to {@code max} characters, marking the cut; services reject longer fields. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
