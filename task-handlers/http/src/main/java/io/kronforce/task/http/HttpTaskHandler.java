package io.kronforce.task.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.OutputSink;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.http.HopSender.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Pattern;

/**
 * Runs an {@code http} task: one request, redirects followed by hand (at most
 * {@value #MAX_REDIRECTS}) so that the egress policy vets every hop before it is sent. The final
 * status is the exit code and the response body goes to stdout.
 *
 * <p>Thread-safe; one instance and one Helidon {@link Http1Client} (blocking, keep-alive pooled) serve
 * every concurrent run. The exchange runs on the run's own thread: unlike the JDK's
 * {@code java.net.http} client, no selector thread, per-request timer or future pipeline is
 * involved, which made the JDK client the largest CPU cost of a burst of http runs (bench figure
 * B15 in bench/README.md). Unlike the JDK client, Helidon's does not resend a request whose pooled
 * connection the server had closed; {@link HopSender} does, for idempotent methods.
 */
public final class HttpTaskHandler implements TaskHandler<HttpTask> {

    static final int MAX_REDIRECTS = 5;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** A socket timeout this close to the job's deadline counts as the deadline. */
    private static final Duration DEADLINE_SLACK = Duration.ofSeconds(1);

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete");
    /** RFC 9110 token: what a header name may be made of. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final EgressPolicy egress;
    private final Duration defaultTimeout;
    private volatile HopSender sender;

    /** A handler whose every request and redirect passes {@code settings.egress()}. */
    public HttpTaskHandler(HandlerSettings settings) {
        this(settings.egress(), DEFAULT_TIMEOUT);
    }

    HttpTaskHandler(EgressPolicy egress, Duration defaultTimeout) {
        this.egress = Objects.requireNonNull(egress, "egress");
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Class<HttpTask> configType() {
        return HttpTask.class;
    }

    @Override
    public List<ConfigViolation> check(HttpTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        if (task.method() != null && !METHODS.contains(task.method().toLowerCase(Locale.ROOT))) {
            problems.add(new ConfigViolation("/method", "method must be one of get, post, put, delete"));
        }
        // With a connection, the URL may be a path (or absent) until the host fills in the base_url.
        boolean filledLater =
                task.connection() != null && (task.url() == null || task.url().startsWith("/"));
        if (!filledLater) {
            checkUrl(task.url()).ifPresent(problems::add);
        }
        task.headers().forEach((name, value) -> checkHeader(name, value).ifPresent(problems::add));
        Integer expected = task.expect_status();
        if (expected != null && (expected < 100 || expected > 599)) {
            problems.add(new ConfigViolation("/expect_status", "expect_status must be between 100 and 599"));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(HttpTask task, TaskContext ctx) throws InterruptedException {
        try {
            return follow(Hop.first(task), task.expect_status(), ctx);
        } catch (EgressDeniedException e) {
            return new TaskOutcome.Failed(null, "HTTP request refused: " + e.getMessage(), false);
        } catch (IOException e) {
            return new TaskOutcome.Failed(null, "HTTP request failed: " + e.getMessage(), true);
        } catch (IllegalArgumentException e) {
            // Only a configuration check() would have rejected gets here; running it again cannot help.
            return new TaskOutcome.Failed(null, "HTTP request failed: " + e.getMessage(), false);
        }
    }

    private TaskOutcome follow(Hop first, Integer expected, TaskContext ctx) throws IOException, InterruptedException {
        Hop hop = first;
        for (int redirects = 0; ; redirects++) {
            egress.check(hop.uri()); // before anything is sent, on every hop
            Answer answer = send(hop, ctx);
            // An expected status is the answer even when it is a redirect: the job asked to see it.
            Optional<Hop> next = Objects.equals(expected, answer.status())
                    ? Optional.empty()
                    : hop.redirect(answer.status(), answer.location());
            if (next.isEmpty()) {
                return outcome(answer, expected, ctx.output());
            }
            if (redirects == MAX_REDIRECTS) {
                return new TaskOutcome.Failed(
                        answer.status(), "too many redirects (more than " + MAX_REDIRECTS + ")", false);
            }
            hop = next.get();
        }
    }

    /**
     * Sends one hop and reads the whole response. A timeout that the job's deadline imposed becomes
     * an InterruptedException so the host records the run as timed out; the default timeout is an
     * ordinary failure. The host interrupts the run's thread at the deadline as well.
     */
    private Answer send(Hop hop, TaskContext ctx) throws IOException, InterruptedException {
        Duration timeout = ctx.timeLeft().orElse(defaultTimeout);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InterruptedException("deadline passed before the request was sent");
        }
        if (Thread.currentThread().isVirtual()) {
            return exchange(hop, timeout, ctx);
        }
        // A platform thread's blocking socket read ignores interrupts; a virtual thread's is
        // abandoned (its socket closed) when interrupted. So a platform caller waits for one.
        FutureTask<Answer> exchange = new FutureTask<>(() -> exchange(hop, timeout, ctx));
        Thread worker = Thread.ofVirtual().name("kronforce-http-task").start(exchange);
        try {
            return exchange.get();
        } catch (InterruptedException e) {
            worker.interrupt();
            throw e;
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    private Answer exchange(Hop hop, Duration timeout, TaskContext ctx) throws IOException, InterruptedException {
        try {
            return sender().send(hop, timeout);
        } catch (DataReader.InsufficientDataAvailableException e) {
            // Helidon's end of stream carries no message; a run's reason must say what happened.
            throw new IOException("connection closed by the server before it answered", e);
        } catch (IllegalStateException e) {
            // How Helidon reports an answer that breaks HTTP/1.1 (no status line, bad chunk): the
            // server's fault, so a failed run like any other broken exchange, not a handler bug.
            throw new IOException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (Thread.interrupted()) { // the interrupt closed the socket: the run is being stopped
                throw new InterruptedException("interrupted while waiting for the HTTP response");
            }
            if (e.getCause() instanceof SocketTimeoutException) {
                if (ctx.deadline().isEmpty()) {
                    throw new IOException("timed out", e.getCause());
                }
                // The read timeout was the time left, so a read that timed out ran into the deadline
                // (the socket's timer and the host's clock may differ by a little); only a connect
                // timeout (CONNECT_TIMEOUT) can end well before it, and that is an ordinary failure.
                if (ctx.timeLeft().orElseThrow().compareTo(DEADLINE_SLACK) <= 0) {
                    throw deadlineExpired();
                }
            }
            throw e.getCause();
        }
    }

    /** The exception a waiting platform thread rethrows for what its exchange thread threw. */
    private static IOException rethrown(Throwable cause) throws InterruptedException {
        return switch (cause) {
            case IOException io -> io;
            case InterruptedException interrupted -> throw interrupted;
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> new IOException(cause);
        };
    }

    private static InterruptedException deadlineExpired() {
        return new InterruptedException("deadline passed while waiting for the HTTP response");
    }

    private static TaskOutcome outcome(Answer answer, Integer expected, OutputSink out) {
        int status = answer.status();
        if (answer.body().length > 0) {
            out.stdout(new String(answer.body(), StandardCharsets.UTF_8)); // malformed bytes become U+FFFD
        }
        if (expected != null) {
            return expected == status
                    ? TaskOutcome.Succeeded.withExitCode(status)
                    : new TaskOutcome.Failed(status, "expected status " + expected + ", got " + status, status >= 500);
        }
        if (status >= 200 && status < 300) {
            return TaskOutcome.Succeeded.withExitCode(status);
        }
        return new TaskOutcome.Failed(status, "HTTP " + status, status >= 500 || status == 429);
    }

    /** Built on first use: providers must not start threads, nor do anything a run does not need. */
    private HopSender sender() {
        HopSender built = sender;
        if (built == null) {
            synchronized (this) {
                built = sender;
                if (built == null) {
                    // HTTP/1.1 only, named as such: the generic WebClient looks the protocol up
                    // in a locked cache on every request (4 % of a burst's CPU in a profile).
                    var config = Http1Client.builder()
                            .connectTimeout(CONNECT_TIMEOUT)
                            .followRedirects(false) // we follow, vetting each hop
                            .sendExpectContinue(false); // send the body at once, as a plain client does
                    if (!SystemProxy.configured()) {
                        // Otherwise the JVM's proxy selector is asked, and a URI built, per request.
                        config.proxy(Proxy.noProxy());
                    }
                    built = new HopSender(config.build());
                    sender = built;
                }
            }
        }
        return built;
    }

    private static Optional<ConfigViolation> checkUrl(String url) {
        String message = "url must be an absolute http or https URL";
        if (url == null || url.isBlank()) {
            return Optional.of(new ConfigViolation("/url", message));
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && uri.getHost() != null ? Optional.empty() : Optional.of(new ConfigViolation("/url", message));
        } catch (URISyntaxException e) {
            return Optional.of(new ConfigViolation("/url", message + ": " + e.getMessage()));
        }
    }

    /** Restricted headers (Host, Content-Length…) pass: they are skipped when sending, as documented. */
    private static Optional<ConfigViolation> checkHeader(String name, String value) {
        String pointer = "/headers/" + name.replace("~", "~0").replace("/", "~1");
        if (!TOKEN.matcher(name).matches()) {
            return Optional.of(new ConfigViolation(pointer, "invalid header name"));
        }
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            return Optional.of(new ConfigViolation(pointer, "header value must be a single line of text"));
        }
        return Optional.empty();
    }
}
