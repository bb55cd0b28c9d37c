package io.kronforce.notifier.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.kronforce.task.EgressPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The SDK's {@link com.twilio.http.HttpClient} seam, implemented with {@code java.net.http}:
 * the SDK builds the request (URL, form body, Basic auth) and parses the answer; this class
 * moves the request onto a configured base URI (the SDK itself can only vary the
 * {@code *.twilio.com} host), checks the egress policy, and sends it exactly once.
 */
final class RebasedHttpClient extends com.twilio.http.HttpClient {

    private final URI base;
    private final EgressPolicy egress;
    private final Duration timeout;
    private final HttpClient jdk;

    RebasedHttpClient(URI base, EgressPolicy egress, Duration timeout, HttpClient jdk) {
        this.base = base;
        this.egress = egress;
        this.timeout = timeout;
        this.jdk = jdk;
    }

    /** One attempt per call: retrying (the SDK's default on 5xx, with a sleep) is the outbox's job. */
    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        URI target = rebase(request.constructURL());
        try {
            egress.check(target);
            HttpResponse<String> answer = jdk.send(toJdk(request, target), HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            if (status == 429 || status >= 500) {
                throw new RetryableAnswer(status, answer.headers().firstValue("Retry-After"), answer.body());
            }
            return new Response(answer.body(), status, headers(answer));
        } catch (HttpTimeoutException e) {
            throw new ApiConnectionException("Twilio did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            // EgressDeniedException is an IOException too; the channel tells them apart by the cause.
            throw new ApiConnectionException("cannot reach Twilio at " + base.getHost() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted", e);
        }
    }

    /** The SDK's URL with scheme, host and port taken from the base URI; path and query kept. */
    URI rebase(URL sdkUrl) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String query = sdkUrl.getQuery() == null ? "" : "?" + sdkUrl.getQuery();
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + sdkUrl.getPath() + query);
    }

    private HttpRequest toJdk(Request request, URI target) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(target).timeout(timeout).header("Accept", "application/json");
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            header.getValue().forEach(value -> builder.header(header.getKey(), value));
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            boolean json = request.getContentType() == EnumConstants.ContentType.JSON;
            String body = json ? request.getBody() : request.encodeFormBody();
            builder.header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded");
            builder.method(method.toString(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private static Header[] headers(HttpResponse<?> answer) {
        List<Header> headers = new ArrayList<>();
        answer.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(new BasicHeader(name, v))));
        return headers.toArray(Header[]::new);
    }
}
