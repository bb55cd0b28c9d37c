package io.kronforce.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * The target of the HTTP jobs in B4, B5 and W1-W3: a JDK {@link HttpServer} on 127.0.0.1 answering
 * every request with 200 "ok" on virtual threads, so the task body costs one loopback round trip.
 */
public final class OkServer implements AutoCloseable {

    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LongAdder hits = new LongAdder();

    /** Binds an ephemeral loopback port and starts serving. */
    public OkServer() throws IOException {
        this(arrivalNanos -> {});
    }

    /**
     * Like {@link #OkServer()}, and tells {@code onArrival} the {@link System#nanoTime()} at which
     * each request reached the handler: when a task's work arrived at its target (W2).
     */
    public OkServer(LongConsumer onArrival) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", exchange -> {
            onArrival.accept(System.nanoTime());
            exchange.getRequestBody().readAllBytes();
            // Counted before answering: a caller that has its answer is always in the count.
            hits.increment();
            exchange.sendResponseHeaders(200, OK.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(OK);
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/ok}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ok";
    }

    /** Requests received so far (B4 checks the controller's own count of succeeded runs against it). */
    public long hits() {
        return hits.sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
