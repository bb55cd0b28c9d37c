package io.kronforce.task.testkit;

import io.kronforce.task.OutputSink;
import java.util.ArrayList;
import java.util.List;

/** Test sink: keeps every chunk, thread-safe like the host's. */
public final class RecordingSink implements OutputSink {

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

    public synchronized String stdoutText() {
        return stdout.toString();
    }

    public synchronized String stderrText() {
        return stderr.toString();
    }

    public synchronized List<String> stdoutChunks() {
        return List.copyOf(stdoutChunks);
    }
}
