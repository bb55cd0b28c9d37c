package io.kronforce.task.transfer;

import java.util.Locale;
import java.util.Optional;

/** The {@code protocol} values of an ftp task, with their default ports. */
enum Protocol {
    FTP,
    FTPS,
    SFTP;

    static Optional<Protocol> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "ftp" -> Optional.of(FTP);
            case "ftps" -> Optional.of(FTPS);
            case "sftp" -> Optional.of(SFTP);
            default -> Optional.empty();
        };
    }

    /** The port used when the task names none; implicit FTPS has its own well-known port. */
    int defaultPort(boolean implicitTls) {
        return switch (this) {
            case FTP -> 21;
            case FTPS -> implicitTls ? 990 : 21;
            case SFTP -> 22;
        };
    }

    String scheme() {
        return name().toLowerCase(Locale.ROOT);
    }
}
