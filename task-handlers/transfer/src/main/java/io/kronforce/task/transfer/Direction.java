package io.kronforce.task.transfer;

import java.util.Locale;
import java.util.Optional;

/** The {@code direction} values of an ftp task. */
enum Direction {
    /** Local file to the server. */
    UPLOAD,
    /** Server file to the local disk. */
    DOWNLOAD;

    static Optional<Direction> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "upload" -> Optional.of(UPLOAD);
            case "download" -> Optional.of(DOWNLOAD);
            default -> Optional.empty();
        };
    }
}
