package io.kronforce.notifier;

import io.kronforce.notifier.http.OutboundHttp;
import io.kronforce.task.ConfigViolation;
import java.util.ArrayList;
import java.util.List;

/** Collects destination problems for {@link Channel#check}; messages never repeat a secret value. */
public final class ConfigChecks {

    private final List<ConfigViolation> problems = new ArrayList<>();

    /** Requires a non-blank value at {@code pointer}. */
    public ConfigChecks required(String pointer, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new ConfigViolation(pointer, "is required"));
        }
        return this;
    }

    /** Requires an absolute http(s) URL at {@code pointer}. */
    public ConfigChecks webUrl(String pointer, String url) {
        try {
            OutboundHttp.webUri(url);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigViolation(pointer, e.getMessage()));
        }
        return this;
    }

    /** Adds a problem when {@code ok} is false. */
    public ConfigChecks require(boolean ok, String pointer, String message) {
        if (!ok) {
            problems.add(new ConfigViolation(pointer, message));
        }
        return this;
    }

    public List<ConfigViolation> problems() {
        return List.copyOf(problems);
    }
}
