package io.kronforce.controller.webui;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Serves the dashboard from the controller's own port: {@code /} (never cached), {@code /ui/<build>/…}
 * (immutable: the build id changes whenever any file does), and {@code /favicon.ico}. Public routes:
 * the page holds no data, and every API call it makes is authenticated like any other.
 */
public final class DashboardSite {
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String NEVER = "no-cache, no-store, must-revalidate";

    private final AssetBundle bundle;
    private final IndexPage index;
    private final Asset indexAsset;

    private DashboardSite(AssetBundle bundle) {
        this.bundle = bundle;
        this.index = IndexPage.render(DashboardSite.class.getClassLoader(), bundle.buildId());
        this.indexAsset = Asset.of("index.html", index.html());
    }

    /**
     * Loads and compresses every file, once per JVM (the class path does not change, and a test run
     * starts hundreds of controllers); fails at start, not at the first request, if one is missing.
     */
    public static DashboardSite load() {
        return Loaded.SITE;
    }

    /** Holder idiom: built on first use, thread-safe without locking. */
    private static final class Loaded {
        static final DashboardSite SITE = new DashboardSite(AssetBundle.load(DashboardSite.class.getClassLoader()));
    }

    public String buildId() {
        return bundle.buildId();
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/", (req, res) -> send(req, res, indexAsset, NEVER))
                .get("/index.html", (req, res) -> send(req, res, indexAsset, NEVER))
                .get("/favicon.ico", (req, res) -> send(req, res, bundle.get("favicon.svg"), "public, max-age=86400"))
                .get("/ui/{build}/*", this::asset);
    }

    private void asset(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        String prefix = "/ui/" + bundle.buildId() + "/";
        Asset asset = path.startsWith(prefix) ? bundle.get(path.substring(prefix.length())) : null;
        if (asset == null) {
            res.status(Status.NOT_FOUND_404)
                    .header(HeaderNames.CACHE_CONTROL, NEVER)
                    .send();
            return;
        }
        send(req, res, asset, IMMUTABLE);
    }

    private void send(ServerRequest req, ServerResponse res, Asset asset, String cacheControl) {
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
        res.header("Content-Security-Policy", index.contentSecurityPolicy());
        res.header(HeaderNames.VARY, "Accept-Encoding");
        boolean gzip = asset.gzip() != null
                && req.headers()
                        .first(HeaderNames.ACCEPT_ENCODING)
                        .map(v -> v.toLowerCase(java.util.Locale.ROOT).contains("gzip"))
                        .orElse(false);
        if (gzip) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            res.send(asset.gzip());
        } else {
            res.send(asset.raw());
        }
    }
}
