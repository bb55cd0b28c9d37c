package io.kronforce.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The controller's change stream ({@code GET /api/changes}, server-sent events) read on a virtual
 * thread, keeping each {@code execution.completed} notice with the {@link System#nanoTime()} at
 * which its line arrived. The controller sends that notice after the commit that records the run
 * finished, so its arrival is the earliest moment a client can know, without polling.
 */
final class CompletionStream implements AutoCloseable {

    /** One finished run as announced: its severity is {@code success} when it succeeded. */
    record Completion(String executionId, String severity, long nanos) {

        /** The stream dropped notices here (the controller's queue for this reader overflowed). */
        boolean isResync() {
            return executionId == null && "resync".equals(severity);
        }
    }

    private final Stream<String> lines;
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;
    private final Consumer<Completion> sink;

    private CompletionStream(Stream<String> lines, Consumer<Completion> sink) {
        this.lines = lines;
        this.sink = sink == null ? completions::add : sink;
        this.reader = Thread.ofVirtual().name("changes-reader").start(this::read);
    }

    /** Opens the stream and returns once the controller said {@code ready}. */
    static CompletionStream open(HttpApi api, Duration timeout) throws IOException, InterruptedException {
        return open(api, timeout, null);
    }

    /**
     * Like {@link #open(HttpApi, Duration)}, but every notice goes to {@code sink} on the reader
     * thread as it arrives (a resync too, see {@link Completion#isResync()}) instead of waiting for
     * {@link #await}; the sink must be quick, or the controller drops notices for this reader.
     */
    static CompletionStream open(HttpApi api, Duration timeout, Consumer<Completion> sink)
            throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = api.lines("/api/changes");
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("GET /api/changes -> " + response.statusCode());
        }
        CompletionStream stream = new CompletionStream(response.body(), sink);
        if (!stream.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stream.close();
            throw new IOException("no 'ready' on /api/changes within " + timeout);
        }
        return stream;
    }

    /**
     * Waits for the completion notice of {@code executionId}, dropping older notices of other runs;
     * throws when it does not come by {@code deadlineNanos} or the stream lost notices (resync).
     */
    Completion await(String executionId, long deadlineNanos) throws IOException, InterruptedException {
        while (true) {
            Completion c = completions.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (c == null) {
                throw new IOException("no completion notice for execution " + executionId);
            }
            if (c.isResync()) {
                throw new IOException("the change stream skipped notices (resync) while waiting for " + executionId);
            }
            if (executionId.equals(c.executionId())) {
                return c;
            }
        }
    }

    private void read() {
        String event = "";
        try {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                long now = System.nanoTime();
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    onData(event, line.substring("data:".length()).strip(), now);
                } else if (line.isEmpty()) {
                    event = ""; // the end of one event
                }
            }
        } catch (UncheckedIOException streamClosed) {
            // close() or the controller stopping: nothing more will come.
        }
    }

    private void onData(String event, String data, long nanos) {
        if (event.equals("ready")) {
            ready.countDown();
            return;
        }
        String kind = JsonFields.get(data, "kind");
        if ("execution.completed".equals(kind)) {
            sink.accept(new Completion(JsonFields.get(data, "execution_id"), JsonFields.get(data, "severity"), nanos));
        } else if ("resync".equals(kind)) {
            sink.accept(new Completion(null, "resync", nanos));
        }
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
