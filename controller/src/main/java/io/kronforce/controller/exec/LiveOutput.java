package io.kronforce.controller.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Live lines of one running execution for SSE viewers: stdout lines as they are, stderr lines
 * prefixed {@code [stderr] }. Keeps the last lines so a viewer who joins late sees recent output.
 * Thread-safe; subscribers are called outside the lock and must not block for long.
 */
public final class LiveOutput {
    private static final int BACKLOG = 1000;
    /** A line longer than this is cut for viewers (the stored output keeps it, up to its own cap). */
    static final int MAX_LINE_CHARS = 16 * 1024;

    private final SecretMask mask;
    private final StringBuilder partialOut = new StringBuilder();
    private final StringBuilder partialErr = new StringBuilder();
    private final Deque<String> backlog = new ArrayDeque<>();
    private final List<Consumer<String>> subscribers = new ArrayList<>();
    private final List<Runnable> doneListeners = new ArrayList<>();
    private boolean done;

    LiveOutput(SecretMask mask) {
        this.mask = mask;
    }

    void stdout(String chunk) {
        emit(lines(partialOut, chunk, ""));
    }

    void stderr(String chunk) {
        emit(lines(partialErr, chunk, "[stderr] "));
    }

    private synchronized List<String> lines(StringBuilder partial, String chunk, String prefix) {
        partial.append(chunk);
        List<String> complete = new ArrayList<>();
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            complete.add(prefix + mask.apply(cut(partial.substring(0, newline))));
            partial.delete(0, newline + 1);
        }
        if (partial.length() > MAX_LINE_CHARS * 4) {
            // Output without newlines must not grow without bound: flush it as a (cut) line.
            complete.add(prefix + mask.apply(cut(partial.toString())));
            partial.setLength(0);
        }
        complete.forEach(this::remember);
        return complete;
    }

    private static String cut(String line) {
        return line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + " [...line cut...]";
    }

    private void remember(String line) {
        backlog.addLast(line);
        if (backlog.size() > BACKLOG) {
            backlog.removeFirst();
        }
    }

    private void emit(List<String> lines) {
        List<Consumer<String>> targets;
        synchronized (this) {
            targets = List.copyOf(subscribers);
        }
        for (String line : lines) {
            targets.forEach(s -> s.accept(line));
        }
    }

    /** Flushes unterminated lines and tells every subscriber the run is over. */
    void finish() {
        List<String> tail = new ArrayList<>();
        List<Runnable> listeners;
        synchronized (this) {
            if (!partialOut.isEmpty()) {
                tail.add(mask.apply(cut(partialOut.toString())));
            }
            if (!partialErr.isEmpty()) {
                tail.add("[stderr] " + mask.apply(cut(partialErr.toString())));
            }
            tail.forEach(this::remember);
            done = true;
            listeners = List.copyOf(doneListeners);
        }
        emit(tail);
        listeners.forEach(Runnable::run);
    }

    /**
     * Subscribes: {@code lines} first receives the backlog, then live lines; {@code onDone} runs
     * once when the execution ends (at once when it already has).
     */
    public void subscribe(Consumer<String> lines, Runnable onDone) {
        List<String> replay;
        boolean alreadyDone;
        synchronized (this) {
            replay = List.copyOf(backlog);
            alreadyDone = done;
            if (!done) {
                subscribers.add(lines);
                doneListeners.add(onDone);
            }
        }
        replay.forEach(lines);
        if (alreadyDone) {
            onDone.run();
        }
    }

    public synchronized void unsubscribe(Consumer<String> lines) {
        subscribers.remove(lines);
    }
}
