package io.kronforce.task.transfer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The secret values of one task, and their removal from any text that leaves the handler.
 * Servers and libraries sometimes echo what they were sent; this is the last line of defence.
 */
final class Secrets {

    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    static Secrets of(String... values) {
        // Very short values would mask innocent letters of every message; they are too weak to matter anyway.
        return new Secrets(Arrays.stream(values)
                .filter(Objects::nonNull)
                .filter(v -> v.length() >= 3)
                .toList());
    }

    String mask(String text) {
        String masked = text;
        for (String value : values) {
            masked = masked.replace(value, FtpTask.MASK);
        }
        return masked;
    }
}
