package io.kronforce.task.docker;

import io.kronforce.task.OutputSink;
import io.kronforce.task.TaskEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one CLI command with its stdout and stderr streamed to the task's sink as they arrive.
 * An interrupt (cancel or deadline) force-kills the process and all its descendants, so a
 * {@code docker build} does not keep running behind a stopped task. The command starts with the
 * given environment only.
 */
final class CliProcess {
    /** How long the readers may take to drain once the process is gone. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private CliProcess() {}

    /**
     * @return the exit status
     * @throws IOException when the command cannot be started
     * @throws InterruptedException after the process tree was killed
     */
    static int run(List<String> argv, TaskEnvironment environment, OutputSink sink)
            throws IOException, InterruptedException {
        Process process = environment.applyTo(new ProcessBuilder(argv)).start();
        process.getOutputStream().close(); // no stdin: a command that reads it sees end-of-file
        Thread out = pump(process.getInputStream(), sink::stdout);
        Thread err = pump(process.getErrorStream(), sink::stderr);
        try {
            int code = process.waitFor();
            out.join(DRAIN);
            err.join(DRAIN);
            return code;
        } catch (InterruptedException e) {
            destroyTree(process);
            out.interrupt();
            err.interrupt();
            throw e;
        }
    }

    /** Descendants first: once the root dies they are re-parented and can no longer be found. */
    private static void destroyTree(Process process) {
        ProcessHandle root = process.toHandle();
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        root.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private static Thread pump(InputStream in, Consumer<String> sink) {
        return Thread.ofVirtual().start(() -> {
            // InputStreamReader keeps a partial multi-byte character until the rest arrives.
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) >= 0; ) {
                    sink.accept(new String(buffer, 0, n));
                }
            } catch (IOException closed) {
                // The process was killed or closed its end: nothing more to forward.
            }
        });
    }
}
