package io.kronforce.controller.app;

import java.util.UUID;

/** New identifiers: UUID v4, lowercase hyphenated, as upstream. */
public final class Ids {
    private Ids() {}

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
