package io.kronforce.controller.dashboard;

import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Requests as the dashboard's browser makes them: the session cookie and, on writes, an
 * {@code Origin} header. No Bearer key.
 */
final class BrowserClient {
    private final TestController tc;

    BrowserClient(TestController tc) {
        this.tc = tc;
    }

    /** The origin a page served by this controller has. */
    String ownOrigin() {
        String uri = tc.uri("/").toString();
        return uri.substring(0, uri.length() - 1);
    }

    /** Signs in with {@code key} from the controller's own origin. */
    TestController.Response signIn(String key) {
        return send("POST", "/api/auth/session", null, ownOrigin(), Map.of("api_key", key));
    }

    /** The cookie value a sign-in response set. */
    static String cookieOf(TestController.Response signIn) {
        String header =
                signIn.headers().firstValue("set-cookie").orElseThrow(() -> new AssertionError("no Set-Cookie"));
        String pair = header.split(";", 2)[0];
        if (!pair.startsWith("kf_session=")) {
            throw new AssertionError("not the session cookie: " + header);
        }
        return pair.substring("kf_session=".length());
    }

    /** Any request; {@code cookie} and {@code origin} may be null (not sent), {@code body} is JSON when not null. */
    TestController.Response send(String method, String path, String cookie, String origin, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(tc.uri(path))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(
                                            TestController.JSON.writeValueAsBytes(body)));
            if (body != null) {
                b.header("Content-Type", TestController.JSON_TYPE);
            }
            if (cookie != null) {
                b.header("Cookie", "kf_session=" + cookie);
            }
            if (origin != null) {
                b.header("Origin", origin);
            }
            HttpResponse<String> r =
                    tc.client().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new TestController.Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    TestController.Response get(String path, String cookie) {
        return send("GET", path, cookie, null, null);
    }
}
