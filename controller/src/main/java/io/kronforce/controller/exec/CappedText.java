package io.kronforce.controller.exec;

import java.nio.charset.StandardCharsets;

/**
 * One output stream, capped: past the cap only the tail is kept and the loss is counted, as
 * upstream does ({@code [...truncated N bytes...]} prefix). Thread-safe.
 */
final class CappedText {
    private final int capChars;
    private final StringBuilder text = new StringBuilder();
    private long droppedBytes;

    CappedText(int capChars) {
        this.capChars = capChars;
    }

    synchronized void append(String chunk) {
        text.append(chunk);
        // Trim in steps of a quarter cap so appends stay amortised O(1).
        if (text.length() > capChars + capChars / 4) {
            int drop = text.length() - capChars;
            droppedBytes += text.substring(0, drop).getBytes(StandardCharsets.UTF_8).length;
            text.delete(0, drop);
        }
    }

    synchronized boolean truncated() {
        return droppedBytes > 0 || text.length() > capChars;
    }

    /** The kept text, prefixed with the truncation marker when anything was dropped. */
    synchronized String render() {
        if (text.length() > capChars) {
            int drop = text.length() - capChars;
            droppedBytes += text.substring(0, drop).getBytes(StandardCharsets.UTF_8).length;
            text.delete(0, drop);
        }
        return droppedBytes == 0 ? text.toString() : "[...truncated " + droppedBytes + " bytes...]\n" + text;
    }
}
