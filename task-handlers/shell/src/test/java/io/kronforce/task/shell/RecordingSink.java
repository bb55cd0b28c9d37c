package io.kronforce.task.shell;

import io.kronforce.task.OutputSink;
import java.util.ArrayList;
import java.util.List;

/** Test sink: keeps every chunk, thread-safe like the host's. */
final class RecordingSink implements OutputSink {

    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final List<String> stdoutChunks = new ArrayList<>();

    @Override
    public synchronized void stdout(String text) {
        stdout.append(text);
        stdoutChunks.add(text);
    }

    @Override
    public synchronized void stderr(String text) {
        stderr.append(text);
    }

    synchronized String stdoutText() {
        return stdout.toString();
    }

    synchronized String stderrText() {
        return stderr.toString();
    }

    synchronized List<String> stdoutChunks() {
        return List.copyOf(stdoutChunks);
    }
}
