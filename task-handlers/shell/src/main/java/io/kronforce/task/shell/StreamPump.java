package io.kronforce.task.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Copies one output stream of a process to a text sink on its own virtual thread.
 *
 * <p>It only reads when bytes are available and otherwise polls with a short back-off. A plain
 * blocking read cannot be woken up: when the process exits but a background child still holds the
 * pipe ({@code daemon &}), the reader would hang until that child exits. Polling lets the pump
 * stop as soon as the process is gone and its output is drained.
 */
final class StreamPump {

    private static final System.Logger LOG = System.getLogger(StreamPump.class.getName());
    private static final int MIN_IDLE_MILLIS = 1;
    private static final int MAX_IDLE_MILLIS = 25;

    private final InputStream in;
    private final Consumer<String> sink;
    private final BooleanSupplier producerAlive;
    private final Thread thread;
    private volatile boolean stopped;

    private StreamPump(String name, InputStream in, Consumer<String> sink, BooleanSupplier producerAlive) {
        this.in = in;
        this.sink = sink;
        this.producerAlive = producerAlive;
        this.thread = Thread.ofVirtual().name(name).unstarted(this::pump);
    }

    /** Starts pumping {@code in} into {@code sink} until end-of-stream or until the producer is gone. */
    static StreamPump start(String name, InputStream in, Consumer<String> sink, BooleanSupplier producerAlive) {
        StreamPump pump = new StreamPump(name, in, sink, producerAlive);
        pump.thread.start();
        return pump;
    }

    /** Waits up to {@code timeout} for the pump to finish; true when it did. */
    boolean await(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    /** Stops forwarding immediately; a read blocked mid-character ends when its pipe closes. */
    void stop() {
        stopped = true;
        thread.interrupt();
    }

    private void pump() {
        // InputStreamReader keeps a partial multi-byte character until its remaining bytes arrive.
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            int idleMillis = MIN_IDLE_MILLIS;
            while (!stopped) {
                // Sampled before looking for data: once the producer is gone, all it wrote is in the pipe.
                boolean alive = producerAlive.getAsBoolean();
                int n = reader.ready() ? reader.read(buffer) : 0;
                if (n < 0 || (n == 0 && !alive)) {
                    return;
                }
                if (n > 0) {
                    forward(new String(buffer, 0, n));
                    idleMillis = MIN_IDLE_MILLIS;
                } else {
                    Thread.sleep(idleMillis);
                    idleMillis = Math.min(idleMillis * 2, MAX_IDLE_MILLIS);
                }
            }
        } catch (IOException | InterruptedException e) {
            // Stream closed under us or stop() was called: there is nothing left to forward.
        }
    }

    private void forward(String text) {
        if (stopped) {
            return;
        }
        try {
            sink.accept(text);
        } catch (RuntimeException e) {
            // Keep draining regardless: a process whose pipe fills up would block forever.
            LOG.log(System.Logger.Level.WARNING, "output sink failed; output dropped", e);
        }
    }
}
