package io.kronforce.worker.host;

import io.kronforce.task.OutputSink;

/**
 * The two capped streams of one run, each chunk also handed to the run's observer. Apart from the
 * host so that what is kept (capped, tail first) and what is watched live stay one decision, and
 * so the host's own closing note lands on a line of its own.
 */
final class RunStreams implements OutputSink {
    final OutputCapture stdout;
    final OutputCapture stderr;
    private final RunObserver observer;
    private volatile boolean stderrEndsLine = true;

    RunStreams(long cap, RunObserver observer) {
        stdout = new OutputCapture(cap);
        stderr = new OutputCapture(cap);
        this.observer = observer;
    }

    @Override
    public void stdout(String text) {
        stdout.append(text);
        observer.stdout(text);
    }

    @Override
    public void stderr(String text) {
        keepStderr(text);
        observer.stderr(text);
    }

    private void keepStderr(String text) {
        stderr.append(text);
        if (text != null && !text.isEmpty()) {
            stderrEndsLine = text.endsWith("\n");
        }
    }

    /**
     * The host's own word on how the run ended, on a line of its own after the task's stderr.
     * Kept with the output, not streamed: observers saw the task's output only.
     */
    void note(String text) {
        keepStderr(stderrEndsLine ? text : "\n" + text);
    }
}
