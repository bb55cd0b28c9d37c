package io.kronforce.controller.exec;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Live lines of one running execution for SSE viewers: stdout lines as they are, stderr lines
 * prefixed {@code [stderr] }. Keeps the last lines so a viewer who joins late sees recent output.
 * Each viewer reads from its own bounded queue, so a slow viewer never slows the task (it loses
 * lines instead, and is told so). Thread-safe.
 */
public final class LiveOutput {
    private static final int BACKLOG = 1000;
    private static final int VIEWER_QUEUE = 10_000;
    /** A line longer than this is cut for viewers (the stored output keeps it, up to its own cap). */
    static final int MAX_LINE_CHARS = 16 * 1024;

    private static final String END = new String("end of stream");

    private final SecretMask mask;
    private final StringBuilder partialOut = new StringBuilder();
    private final StringBuilder partialErr = new StringBuilder();
    private final Deque<String> backlog = new ArrayDeque<>();
    private final List<Viewer> viewers = new ArrayList<>();
    private boolean done;

    LiveOutput(SecretMask mask) {
        this.mask = mask;
    }

    /** One viewer's lines, in order; ends with {@link #next} returning empty after the run ended. */
    public static final class Viewer {
        private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(VIEWER_QUEUE);
        private boolean overflowed;

        private void offer(String line) {
            if (line == END) {
                while (!lines.offer(END)) {
                    lines.poll(); // the end marker must get through: drop the oldest line for it
                }
            } else if (!lines.offer(line) && !overflowed) {
                overflowed = true;
            }
        }

        /**
         * The next line, waiting up to {@code wait}.
         *
         * @return the line; {@code null} when nothing arrived in time
         * @throws EndOfOutput when the run has ended and every line was read
         */
        public String next(Duration wait) throws InterruptedException, EndOfOutput {
            String line = lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (line == END) {
                throw new EndOfOutput(overflowed);
            }
            return line;
        }
    }

    /** The run is over and the viewer has read everything. */
    public static final class EndOfOutput extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean linesDropped;

        EndOfOutput(boolean linesDropped) {
            super("end of output", null, false, false);
            this.linesDropped = linesDropped;
        }

        /** Whether this viewer fell behind and lost lines. */
        public boolean linesDropped() {
            return linesDropped;
        }
    }

    void stdout(String chunk) {
        append(partialOut, chunk, "");
    }

    void stderr(String chunk) {
        append(partialErr, chunk, "[stderr] ");
    }

    private synchronized void append(StringBuilder partial, String chunk, String prefix) {
        partial.append(chunk);
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            publish(prefix + mask.apply(cut(partial.substring(0, newline))));
            partial.delete(0, newline + 1);
        }
        if (partial.length() > MAX_LINE_CHARS * 4) {
            // Output without newlines must not grow without bound: flush it as a (cut) line.
            publish(prefix + mask.apply(cut(partial.toString())));
            partial.setLength(0);
        }
    }

    private static String cut(String line) {
        return line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + " [...line cut...]";
    }

    private void publish(String line) {
        backlog.addLast(line);
        if (backlog.size() > BACKLOG) {
            backlog.removeFirst();
        }
        viewers.forEach(v -> v.offer(line));
    }

    /** Flushes unterminated lines and ends every viewer's stream. */
    synchronized void finish() {
        if (!partialOut.isEmpty()) {
            publish(mask.apply(cut(partialOut.toString())));
        }
        if (!partialErr.isEmpty()) {
            publish("[stderr] " + mask.apply(cut(partialErr.toString())));
        }
        done = true;
        viewers.forEach(v -> v.offer(END));
    }

    /** A new viewer: the backlog first, then live lines, in order, with no line twice. */
    public synchronized Viewer subscribe() {
        Viewer viewer = new Viewer();
        backlog.forEach(viewer::offer);
        if (done) {
            viewer.offer(END);
        } else {
            viewers.add(viewer);
        }
        return viewer;
    }

    public synchronized void unsubscribe(Viewer viewer) {
        viewers.remove(viewer);
    }
}
