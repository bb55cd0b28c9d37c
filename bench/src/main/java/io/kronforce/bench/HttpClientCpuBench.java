package io.kronforce.bench;

import com.sun.management.OperatingSystemMXBean;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.kronforce.task.http.HttpTask;
import io.kronforce.task.http.HttpTaskHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * B15 http client CPU per request: what one GET of an {@code http} task costs the controller's
 * process in CPU, per client library. C virtual threads (the {@code --clients} flag) send GETs in a
 * closed loop to the hello-world server ({@link HelloServerMain}) in a child JVM, so this process's
 * CPU time is the client's alone. Every case first sends {@value #WARMUP_REQUESTS} unmeasured
 * requests (all cases before any is measured: they share the JIT-compiled paths of the loop); then
 * the process CPU time spent on {@value #MEASURED_REQUESTS} GETs is divided by their number. CPU
 * time, unlike a rate, hardly moves when other processes take the cores.
 *
 * <p>The baseline is the JDK client as the http handler (HttpTaskHandler) built it before it moved
 * to Helidon's WebClient: one shared client, a request with a per-request timeout (whose timer the
 * client's selector thread arms and cancels on every exchange). The cases run in a rotated order
 * per rep. The Helidon case is its blocking WebClient configured as the handler configures it; the
 * handler case is the whole {@code http} task handler of this build ({@code HttpTaskHandler.run}:
 * egress check, the client, its resend of a request whose pooled connection was dead, output to a
 * discarding sink).
 */
final class HttpClientCpuBench implements AutoCloseable {

    static final int WARMUP_REQUESTS = 20_000;
    static final int MEASURED_REQUESTS = 30_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String BASELINE = "JDK HttpClient, per-request timeout";

    /** One way of sending the GET; {@link #get()} answers whether the status was 200. */
    private interface Sender extends AutoCloseable {
        boolean get() throws Exception;

        @Override
        void close();
    }

    private record Case(String name, Sender sender) {}

    private final BenchContext ctx;
    private final HelloServerChild target;
    private final URI uri;

    /** Starts the target server's child JVM; it serves every rep. */
    HttpClientCpuBench(BenchContext ctx) throws IOException, InterruptedException {
        this.ctx = ctx;
        this.target = HelloServerChild.start(ctx, "b15-target");
        this.uri = target.base().resolve("/hello");
    }

    void rep(int rep) throws InterruptedException {
        List<Case> cases = new ArrayList<>(List.of(
                new Case(BASELINE, jdk(uri, true)),
                new Case("JDK HttpClient, no per-request timeout", jdk(uri, false)),
                new Case("Helidon WebClient", helidon(uri)),
                new Case("http task handler (HttpTaskHandler.run)", handler(uri))));
        Collections.rotate(cases, -(rep - 1));
        Map<String, Double> micros = new LinkedHashMap<>();
        try {
            // The first rep also pays for compiling the loop's shared paths: warm it twice as long.
            for (int round = 0; round < (rep == 1 ? 2 : 1); round++) {
                for (Case c : cases) {
                    loop(c.sender(), WARMUP_REQUESTS);
                }
            }
            for (Case c : cases) {
                double spent = cpuMicrosPerRequest(c.sender());
                micros.put(c.name(), spent);
                ctx.results()
                        .note(String.format(
                                Locale.ROOT,
                                "B15 rep=%d case=\"%s\" cpuUsPerRequest=%.1f load1=%s",
                                rep,
                                c.name(),
                                spent,
                                BenchContext.loadAverage()));
            }
        } finally {
            cases.forEach(c -> c.sender().close());
        }
        double baseline = micros.get(BASELINE);
        micros.forEach((name, spent) ->
                ctx.results().add("B15 http client CPU per request: " + name, "µs", BASELINE, rep, spent, baseline));
    }

    /** Process CPU time of {@value #MEASURED_REQUESTS} GETs, per GET (µs). */
    private double cpuMicrosPerRequest(Sender sender) throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        loop(sender, MEASURED_REQUESTS);
        long spent = os.getProcessCpuTime() - before;
        return spent / 1_000.0 / MEASURED_REQUESTS;
    }

    /** {@code requests} GETs shared by C closed-loop clients; fails on any error or non-200. */
    private void loop(Sender sender, int requests) throws InterruptedException {
        AtomicInteger left = new AtomicInteger(requests);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < ctx.options().clients(); i++) {
                done.add(clients.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        if (!sender.get()) {
                            throw new IllegalStateException("GET did not answer 200");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("B15 client failed", e.getCause());
                }
            }
        }
    }

    @Override
    public void close() {
        target.close();
    }

    /** The JDK client as the handler built it; the request is built per GET as the handler did. */
    private static Sender jdk(URI uri, boolean perRequestTimeout) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        return new Sender() {
            @Override
            public boolean get() throws Exception {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
                if (perRequestTimeout) {
                    request.timeout(REQUEST_TIMEOUT);
                }
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return response.statusCode() == 200;
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** Helidon's blocking client as the handler builds it: the exchange runs on the calling thread. */
    private static Sender helidon(URI uri) {
        WebClient client = WebClient.builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(false)
                .sendExpectContinue(false)
                .build();
        return new Sender() {
            @Override
            public boolean get() throws IOException {
                try (HttpClientResponse response = client.method(Method.GET)
                        .uri(uri)
                        .readTimeout(REQUEST_TIMEOUT)
                        .request()) {
                    if (response.entity().hasEntity()) {
                        response.inputStream().readAllBytes(); // read as the handler reads it
                    }
                    return response.status().code() == 200;
                }
            }

            @Override
            public void close() {
                client.closeResource();
            }
        };
    }

    /** The http task handler of this build, run as a task runs it (no deadline, output discarded). */
    private static Sender handler(URI uri) {
        HandlerCase.Op run = HandlerCase.run(
                new HttpTaskHandler(HandlerCase.LOOPBACK), new HttpTask("get", uri.toString(), null, null, null, null));
        return new Sender() {
            @Override
            public boolean get() throws Exception {
                run.run(); // throws unless the run succeeded (a 2xx)
                return true;
            }

            @Override
            public void close() {
                // The handler keeps its client for the process's life, as in the controller.
            }
        };
    }
}
