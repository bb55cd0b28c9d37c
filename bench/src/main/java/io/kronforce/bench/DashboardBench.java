package io.kronforce.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * B12, the dashboard's first load: the bytes a browser with an empty cache receives for {@code /},
 * its styles and icon, and the whole static module graph of {@code app.js} (bare names resolved
 * through the page's import map; dynamic {@code import()} left out, as a browser loads those only
 * when a view needs them). Measured gzip-compressed, as served; the baseline is the same files
 * uncompressed. A second figure adds Cytoscape, which the dependency map loads on demand.
 */
final class DashboardBench {
    private static final Pattern LINKS = Pattern.compile("(?:href|src)=\"(/[^\"]+)\"");
    private static final Pattern IMPORT_MAP =
            Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern STATIC_IMPORT =
            Pattern.compile("(?:^|[;\\n}])\\s*(?:import|export)\\s*(?:[\\w*{}\\s,$]*?\\sfrom\\s*)?['\"]([^'\"]+)['\"]");

    private final BenchContext ctx;
    private final HttpClient client = HttpClient.newHttpClient();

    DashboardBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    /** Wire and raw byte counts of a set of files. */
    record Weight(long wire, long raw, int files) {}

    void rep(int rep, Controller controller) throws IOException, InterruptedException {
        URI base = controller.base();
        Weight first = firstLoad(base, false);
        Weight withMap = firstLoad(base, true);
        ctx.results()
                .add(
                        "B12 dashboard first load, gzip (" + first.files() + " files)",
                        "KB",
                        "same files uncompressed",
                        rep,
                        first.wire() / 1024.0,
                        first.raw() / 1024.0);
        ctx.results()
                .add(
                        "B12 dashboard first load + dependency map (Cytoscape), gzip",
                        "KB",
                        "same files uncompressed",
                        rep,
                        withMap.wire() / 1024.0,
                        withMap.raw() / 1024.0);
        ctx.results()
                .note("B12 rep=" + rep + " first load " + first + ", with map " + withMap
                        + "; budget 150 KB compressed; upstream's single page is ~1 MB uncompressed on every load");
    }

    Weight firstLoad(URI base, boolean withMap) throws IOException, InterruptedException {
        byte[][] page = fetch(base.resolve("/"));
        String html = new String(page[1], StandardCharsets.UTF_8);
        Matcher mapMatch = IMPORT_MAP.matcher(html);
        if (!mapMatch.find()) {
            throw new IOException("no import map in the dashboard page");
        }
        JsonNode imports = new ObjectMapper().readTree(mapMatch.group(1)).path("imports");
        Set<String> files = new LinkedHashSet<>();
        Deque<String> modules = new ArrayDeque<>();
        Matcher links = LINKS.matcher(html);
        while (links.find()) {
            if (files.add(links.group(1)) && links.group(1).endsWith(".js")) {
                modules.add(links.group(1));
            }
        }
        if (withMap) {
            String cytoscape = imports.path("cytoscape").asText();
            files.add(cytoscape);
        }
        long wire = page[0].length;
        long raw = page[1].length;
        Set<String> seen = new LinkedHashSet<>();
        while (!modules.isEmpty()) {
            String path = modules.poll();
            if (!seen.add(path)) {
                continue;
            }
            String code = new String(fetch(base.resolve(path))[1], StandardCharsets.UTF_8);
            Matcher m = STATIC_IMPORT.matcher(code);
            while (m.find()) {
                String spec = m.group(1);
                String resolved = imports.has(spec)
                        ? imports.path(spec).asText()
                        : URI.create(path).resolve(spec).toString();
                files.add(resolved);
                modules.add(resolved);
            }
        }
        for (String f : files) {
            byte[][] body = fetch(base.resolve(f));
            wire += body[0].length;
            raw += body[1].length;
        }
        return new Weight(wire, raw, files.size() + 1);
    }

    /** {wire bytes, decoded bytes} of one GET with {@code Accept-Encoding: gzip}. */
    private byte[][] fetch(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(
                HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + r.statusCode());
        }
        byte[] body = r.body();
        if ("gzip".equals(r.headers().firstValue("content-encoding").orElse(""))) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return new byte[][] {body, in.readAllBytes()};
            }
        }
        return new byte[][] {body, body};
    }
}
