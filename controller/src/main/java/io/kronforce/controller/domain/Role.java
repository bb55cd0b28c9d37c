package io.kronforce.controller.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a credential may do. Agent keys serve the agent protocol only, never the user API. */
public enum Role {
    ADMIN,
    OPERATOR,
    VIEWER,
    AGENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(text)).findFirst();
    }
}
