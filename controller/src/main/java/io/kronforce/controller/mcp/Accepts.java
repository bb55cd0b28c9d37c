package io.kronforce.controller.mcp;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the client's {@code Accept} header allows. No header means anything (curl and older
 * clients); wildcards count.
 */
record Accepts(boolean json, boolean sse) {

    static Accepts of(String header) {
        if (header == null || header.isBlank()) {
            return new Accepts(true, true);
        }
        var types = Arrays.stream(header.split(","))
                .map(t -> t.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .toList();
        boolean any = types.contains("*/*");
        return new Accepts(
                any || types.contains("application/json") || types.contains("application/*"),
                any || types.contains("text/event-stream") || types.contains("text/*"));
    }
}
