package io.kronforce.bench.peers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One {@code RESULT wl=.. who=.. store=.. cfg=.. k=v ...} line, as printed by either side. */
record RawRecord(RunKey key, Map<String, String> values) {

    private static final String PREFIX = "RESULT ";

    /** The record of a RESULT line that names all four keys; empty for any other line. */
    static Optional<RawRecord> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String word : line.substring(PREFIX.length()).trim().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                values.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        String wl = values.remove("wl");
        String who = values.remove("who");
        String store = values.remove("store");
        String cfg = values.remove("cfg");
        if (wl == null || who == null || store == null || cfg == null) {
            return Optional.empty();
        }
        return Optional.of(new RawRecord(new RunKey(wl, who, store, cfg), values));
    }

    /** The value of a numeric key, or empty where it is missing or not a number. */
    Optional<Double> number(String name) {
        try {
            String value = values.get(name);
            return value == null ? Optional.empty() : Optional.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
