package io.kronforce.notifier.http;

import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Secrets;
import io.kronforce.task.EgressDeniedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Sends one webhook request: checks the egress policy, sends once without following redirects,
 * and maps the answer with {@link ResponseVerdict}. The URL is treated as a secret throughout:
 * results and reasons name only its scheme and host.
 *
 * <p>Thread-safe; one instance (and one {@link HttpClient}) serves every destination of a channel.
 */
public final class OutboundHttp {

    private final ChannelSettings settings;
    private HttpClient client;

    public OutboundHttp(ChannelSettings settings) {
        this.settings = settings;
    }

    /**
     * POSTs a JSON body.
     *
     * @param url the destination (a secret)
     * @param headers extra headers; their values are treated as secrets too
     */
    public Delivery postJson(String url, String json, Map<String, String> headers) throws InterruptedException {
        String masked = Secrets.maskUrl(url);
        URI target;
        try {
            target = webUri(url);
        } catch (IllegalArgumentException e) {
            return new Delivery.Undeliverable("invalid webhook URL " + masked);
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            headers.forEach(builder::setHeader); // a configured Content-Type replaces ours
            request = builder.build();
        } catch (IllegalArgumentException e) {
            // The JDK names the offending header, never its value.
            return new Delivery.Undeliverable("invalid request header for " + masked + ": " + e.getMessage());
        }
        return send(request, masked, secretsOf(url, headers));
    }

    private Delivery send(HttpRequest request, String masked, String[] secrets) throws InterruptedException {
        try {
            settings.egress().check(request.uri());
            HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
            return ResponseVerdict.of(
                    response.statusCode(),
                    response.headers().firstValue("Retry-After"),
                    response.body(),
                    masked,
                    settings.clock());
        } catch (EgressDeniedException e) {
            return new Delivery.Undeliverable("refused by egress policy: " + Secrets.scrub(e.getMessage(), secrets));
        } catch (HttpTimeoutException e) {
            return Delivery.RetryLater.because(
                    masked + " did not answer within " + settings.timeout().toSeconds() + " s");
        } catch (IOException e) {
            String detail =
                    e.getMessage() == null ? e.getClass().getSimpleName() : Secrets.scrub(e.getMessage(), secrets);
            return Delivery.RetryLater.because("cannot reach " + masked + ": " + detail);
        }
    }

    private static String[] secretsOf(String url, Map<String, String> headers) {
        String[] secrets = new String[headers.size() + 1];
        secrets[0] = url;
        int i = 1;
        for (String value : headers.values()) {
            secrets[i++] = value;
        }
        return secrets;
    }

    /**
     * Parses an absolute http(s) URL.
     *
     * @throws IllegalArgumentException when it is not one (the message never repeats the URL)
     */
    public static URI webUri(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("URL is empty");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("URL is not valid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("URL must be an absolute http or https URL");
        }
        return uri;
    }

    /**
     * Built on first use: providers must not start threads, and HttpClient starts a selector
     * thread. A plain synchronized method: the lock is nothing next to a network round trip.
     */
    private synchronized HttpClient client() {
        if (client == null) {
            client = jdkClient(settings);
        }
        return client;
    }

    /**
     * The JDK client every channel should send with: connect timeout from the settings,
     * redirects never followed (a redirect would carry the payload somewhere the egress policy
     * has not vetted), and a virtual thread per exchange instead of the default cached pool.
     */
    public static HttpClient jdkClient(ChannelSettings settings) {
        return HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }
}
