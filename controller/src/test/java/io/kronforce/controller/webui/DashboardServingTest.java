package io.kronforce.controller.webui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.testing.SharedControllerTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The dashboard's files over loopback HTTP: caching, compression, media types and the Content-Security-Policy. */
class DashboardServingTest extends SharedControllerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<byte[]> get(String path, boolean gzip) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(tc.uri(path));
        if (gzip) {
            b.header("Accept-Encoding", "gzip, deflate, br");
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    private static String page() throws Exception {
        return new String(get("/", false).body(), StandardCharsets.UTF_8);
    }

    private static String base() throws Exception {
        Matcher m = Pattern.compile("src=\"(/ui/[0-9a-f]{12}/)app\\.js\"").matcher(page());
        assertTrue(m.find(), "the page loads app.js from a versioned path");
        return m.group(1);
    }

    @Test
    void theIndexIsNeverCachedAndItsPolicyAllowsOnlyTheImportMapByItsHash() throws Exception {
        HttpResponse<byte[]> r = get("/", false);
        assertEquals(200, r.statusCode());
        assertTrue(header(r, "content-type").startsWith("text/html"));
        assertEquals("no-cache, no-store, must-revalidate", header(r, "cache-control"));
        String csp = header(r, "content-security-policy");
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), csp);

        String html = new String(r.body(), StandardCharsets.UTF_8);
        Matcher map = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(map.find(), html);
        assertTrue(csp.contains("script-src 'self' 'sha256-" + IndexPage.sha256Base64(map.group(1)) + "'"), csp);
        Matcher inline = Pattern.compile("<script(?![^>]*\\bsrc=)(?![^>]*importmap)[^>]*>")
                .matcher(html);
        assertFalse(inline.find(), "no other inline script");
    }

    @Test
    void assetsAreImmutableCompressedAndServedAsModules() throws Exception {
        String base = base();
        for (String file :
                List.of("app.js", "views/monitor.js", "vendor/preact.module.js", "vendor/cytoscape.esm.min.mjs")) {
            HttpResponse<byte[]> plain = get(base + file, false);
            HttpResponse<byte[]> zipped = get(base + file, true);
            assertEquals(200, plain.statusCode(), file);
            assertEquals("text/javascript; charset=utf-8", header(plain, "content-type"), file);
            assertEquals("public, max-age=31536000, immutable", header(plain, "cache-control"), file);
            assertEquals("gzip", header(zipped, "content-encoding"), file);
            assertEquals("", header(plain, "content-encoding"), file);
            assertTrue(zipped.body().length < plain.body().length, file);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
                assertArrayEquals(plain.body(), in.readAllBytes(), file);
            }
        }
        assertTrue(header(get(base + "style.css", false), "content-type").startsWith("text/css"));
    }

    @Test
    void anotherBuildsAssetsAndUnknownFilesAre404() throws Exception {
        String base = base();
        assertEquals(404, get("/ui/000000000000/app.js", false).statusCode());
        assertEquals(404, get(base + "no-such-file.js", false).statusCode());
        assertEquals(404, get(base + "../index.html", false).statusCode());
    }

    @Test
    void theFaviconIsServed() throws Exception {
        HttpResponse<byte[]> r = get("/favicon.ico", false);
        assertEquals(200, r.statusCode());
        assertEquals("image/svg+xml", header(r, "content-type"));
    }

    @Test
    void theApiStillAnswersProblemsBesideTheDashboard() throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(
                HttpRequest.newBuilder(URI.create(tc.uri("/api/nope").toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(404, r.statusCode());
        assertTrue(header(r, "content-type").startsWith("application/problem+json"));
    }
}
