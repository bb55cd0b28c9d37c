package io.kronforce.controller.replication;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of Litestream's log ({@code time=… level=INFO msg="wal segment written" …}), read for
 * what it says about uploads and errors.
 */
record LitestreamLine(String level, String message, String text) {
    private static final Pattern LEVEL = Pattern.compile("\\blevel=(\\w+)");
    private static final Pattern MSG = Pattern.compile("\\bmsg=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

    static LitestreamLine parse(String text) {
        Matcher level = LEVEL.matcher(text);
        Matcher msg = MSG.matcher(text);
        String m = msg.find() ? msg.group(1) : "";
        if (m.startsWith("\"") && m.endsWith("\"") && m.length() >= 2) {
            m = m.substring(1, m.length() - 1);
        }
        return new LitestreamLine(level.find() ? level.group(1) : "INFO", m, text);
    }

    boolean error() {
        return level.equals("ERROR");
    }

    boolean warning() {
        return level.equals("WARN");
    }

    /** A WAL segment or a snapshot reached the replica. */
    boolean upload() {
        return message.equals("wal segment written") || message.equals("snapshot written");
    }
}
