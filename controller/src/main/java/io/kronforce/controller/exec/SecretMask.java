package io.kronforce.controller.exec;

import java.util.Comparator;
import java.util.List;

/** Replaces secret values with the mask wherever they appear in output. Immutable. */
public final class SecretMask {
    public static final String MASK = "\u2022".repeat(8);
    public static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> secrets;

    /** Values shorter than 3 characters are not masked: they would shred ordinary text. */
    public SecretMask(List<String> secrets) {
        // Most runs have no secret to mask: no stream pipeline for them (every run builds a mask).
        this.secrets = secrets.isEmpty()
                ? List.of()
                : secrets.stream()
                        .filter(s -> s != null && s.length() >= 3)
                        .distinct()
                        .sorted(Comparator.comparingInt(String::length).reversed())
                        .toList();
    }

    public String apply(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
