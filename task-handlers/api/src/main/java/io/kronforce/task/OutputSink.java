package io.kronforce.task;

/**
 * Receives a task's output as it is produced. The host caps what it keeps and streams lines to
 * live viewers; handlers just write. Implementations are thread-safe and never block for long.
 */
public interface OutputSink {

    /** Appends text to the task's stdout, exactly as produced (newlines included). */
    void stdout(String text);

    /** Appends text to the task's stderr, exactly as produced (newlines included). */
    void stderr(String text);
}
