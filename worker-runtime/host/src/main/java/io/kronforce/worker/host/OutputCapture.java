package io.kronforce.worker.host;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One output stream kept up to a cap in UTF-8 bytes. Past the cap the oldest chunks go, so the
 * tail (where errors usually are) survives, and the loss is announced the way upstream does
 * ({@code [...truncated N bytes...]}). Thread-safe.
 */
final class OutputCapture {
    private final long capBytes;
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private long keptBytes;
    private long droppedBytes;

    OutputCapture(long capBytes) {
        this.capBytes = capBytes;
    }

    synchronized void append(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        chunks.addLast(bytes);
        keptBytes += bytes.length;
        while (keptBytes > capBytes && !chunks.isEmpty()) {
            byte[] first = chunks.removeFirst();
            long over = keptBytes - capBytes;
            if (first.length > over) {
                // Keep the chunk's tail, cut on a character boundary so the text stays valid UTF-8.
                int from = charStart(first, (int) over);
                chunks.addFirst(java.util.Arrays.copyOfRange(first, from, first.length));
                keptBytes -= from;
                droppedBytes += from;
                break;
            }
            keptBytes -= first.length;
            droppedBytes += first.length;
        }
    }

    private static int charStart(byte[] bytes, int at) {
        int i = at;
        while (i < bytes.length && (bytes[i] & 0xC0) == 0x80) {
            i++; // a continuation byte: the character began earlier
        }
        return i;
    }

    synchronized boolean truncated() {
        return droppedBytes > 0;
    }

    synchronized String text() {
        StringBuilder out = new StringBuilder();
        if (droppedBytes > 0) {
            out.append("[...truncated ").append(droppedBytes).append(" bytes...]\n");
        }
        java.io.ByteArrayOutputStream all =
                new java.io.ByteArrayOutputStream((int) Math.min(keptBytes, Integer.MAX_VALUE));
        chunks.forEach(c -> all.write(c, 0, c.length));
        return out.append(all.toString(StandardCharsets.UTF_8)).toString();
    }
}
