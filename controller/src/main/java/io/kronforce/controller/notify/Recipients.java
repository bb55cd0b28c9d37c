package io.kronforce.controller.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Upstream's {@code {"emails":[],"phones":[]}}: who e-mail and SMS channels address. */
record Recipients(List<String> emails, List<String> phones) {

    static final Recipients NONE = new Recipients(List.of(), List.of());

    Recipients {
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
    }

    static Recipients from(JsonNode node) {
        if (node == null || !node.isObject()) {
            return NONE;
        }
        return new Recipients(strings(node.get("emails")), strings(node.get("phones")));
    }

    /** The job's list where it has one, else the global one (upstream: non-empty job lists override). */
    Recipients orElse(Recipients global) {
        return new Recipients(emails.isEmpty() ? global.emails : emails, phones.isEmpty() ? global.phones : phones);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> {
                if (v.isTextual() && !v.asText().isBlank()) {
                    out.add(v.asText().trim());
                }
            });
        }
        return out;
    }
}
