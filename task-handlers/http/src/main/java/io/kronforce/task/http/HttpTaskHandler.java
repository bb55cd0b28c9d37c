package io.kronforce.task.http;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.OutputSink;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs an {@code http} task: one request, redirects followed by hand (at most
 * {@value #MAX_REDIRECTS}) so that the egress policy vets every hop before it is sent. The final
 * status is the exit code and the response body goes to stdout.
 *
 * <p>Thread-safe; one instance and one {@link HttpClient} serve every concurrent run.
 */
public final class HttpTaskHandler implements TaskHandler<HttpTask> {

    static final int MAX_REDIRECTS = 5;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete");
    /** RFC 9110 token: what a header name may be made of. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final EgressPolicy egress;
    private final Duration defaultTimeout;
    private volatile HttpClient client;

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
            HttpResponse<byte[]> response = send(hop, ctx);
            int status = response.statusCode();
            // An expected status is the answer even when it is a redirect: the job asked to see it.
            Optional<Hop> next = Objects.equals(expected, status) ? Optional.empty() : hop.redirect(response);
            if (next.isEmpty()) {
                return outcome(response, expected, ctx.output());
            }
            if (redirects == MAX_REDIRECTS) {
                return new TaskOutcome.Failed(status, "too many redirects (more than " + MAX_REDIRECTS + ")", false);
            }
            hop = next.get();
        }
    }

    /**
     * Sends one hop. A timeout that the job's deadline imposed becomes an InterruptedException so
     * the host records the run as timed out; the default timeout is an ordinary failure.
     */
    private HttpResponse<byte[]> send(Hop hop, TaskContext ctx) throws IOException, InterruptedException {
        Optional<Instant> deadline = ctx.deadline();
        Duration timeout =
                deadline.map(d -> Duration.between(ctx.clock().instant(), d)).orElse(defaultTimeout);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InterruptedException("deadline passed before the request was sent");
        }
        try {
            return client().send(hop.request(timeout), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            if (deadline.isPresent() && timeout.compareTo(CONNECT_TIMEOUT) <= 0) {
                throw deadlineExpired();
            }
            throw e;
        } catch (HttpTimeoutException e) {
            if (deadline.isPresent()) {
                throw deadlineExpired();
            }
            throw new HttpTimeoutException("timed out");
        }
    }

    private static InterruptedException deadlineExpired() {
        return new InterruptedException("deadline passed while waiting for the HTTP response");
    }

    private static TaskOutcome outcome(HttpResponse<byte[]> response, Integer expected, OutputSink out) {
        int status = response.statusCode();
        if (response.body().length > 0) {
            out.stdout(new String(response.body(), StandardCharsets.UTF_8)); // malformed bytes become U+FFFD
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

    /** Built on first use: providers must not start threads, and HttpClient starts a selector thread. */
    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = HttpClient.newBuilder()
                            .connectTimeout(CONNECT_TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NEVER) // we follow, vetting each hop
                            // The default executor grows a platform thread per concurrent exchange.
                            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                            .build();
                    client = built;
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
