package io.kronforce.bench;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.RequestOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B13: time to an interactive first page of the dashboard's jobs and runs lists, in a real headless
 * Chromium. The database is B11's (N jobs, M runs, built with SQL); the baseline is the same pages on
 * an empty database, same rep. Each sample is a fresh browser profile (a session cookie from
 * {@code POST /api/auth/session}) loading the list's URL with an empty cache and once more with the
 * cache that load filled; the page itself records
 * {@code performance.now()} (milliseconds since navigation start) at the first DOM change after which
 * the list's search box is enabled and the list shows its answer (rows, or the empty message) instead
 * of "Loading…".
 */
final class InteractiveListsBench {
    private static final Path CHROMIUM =
            Path.of(System.getenv().getOrDefault("KRONFORCE_BENCH_CHROMIUM", "/usr/bin/chromium"));
    private static final int WARMUP = 2;
    /**
     * Retention off on both sides: the built runs span more than its default 7 days, and its first pass,
     * right after start, would delete ~40 % of them in one write that every other write (a sign-in
     * among them) waits behind, so the figure would be of a smaller database measured during a purge.
     */
    private static final Map<String, String> KEEP_ALL = Map.of("KRONFORCE_RETENTION_DAYS", "0");

    /** The list views measured: hash route and the id of the search box. */
    static final Map<String, String[]> VIEWS = new LinkedHashMap<>();

    static {
        VIEWS.put("jobs list", new String[] {"/monitor/jobs", "job-search"});
        VIEWS.put("runs list", new String[] {"/monitor/runs", "run-search"});
    }

    /**
     * Installed before the page's own scripts: watches the DOM and keeps the time of the first change
     * after which the view is usable, with the number of rows shown then (0 for the empty message),
     * or -1 when the list answered with an error.
     */
    private static final String WATCH = """
            (searchId) => {
              const check = () => {
                if (window.__kfReady) return;
                const search = document.getElementById(searchId);
                const main = document.querySelector('main');
                if (!search || search.disabled || !main) return;
                if (main.querySelector('[role=alert]')) { window.__kfReady = { at: performance.now(), rows: -1 }; return; }
                if (main.textContent.includes('Loading\\u2026')) return;
                const rows = main.querySelectorAll('tbody tr').length;
                if (rows === 0 && !main.querySelector('p.muted')) return;
                window.__kfReady = { at: performance.now(), rows };
              };
              new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
            }""";

    private final BenchContext ctx;

    InteractiveListsBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    void rep(int rep) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IOException(
                    CHROMIUM + " is missing: install Debian's chromium (or set KRONFORCE_BENCH_CHROMIUM)");
        }
        Path workDir = ListsAtScaleBench.buildLarge(ctx, rep, "B13", System.currentTimeMillis());
        try (Playwright pw = Playwright.create(
                        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                // --no-sandbox: the bench may run as root, where Chromium's sandbox refuses to start.
                Browser browser = pw.chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(CHROMIUM)
                                .setArgs(List.of("--no-sandbox"))
                                .setHeadless(true))) {
            Map<String, long[]> empty;
            try (Controller c = ctx.startIn(
                    Files.createTempDirectory(ctx.scratch(), "tti-empty-" + rep + "-"), "tti-empty-" + rep, KEEP_ALL)) {
                c.awaitHealthy(ctx.options().hardLimit());
                empty = measure(browser, c, false);
            }
            Map<String, long[]> full;
            try (Controller c = ctx.startIn(workDir, "tti-full-" + rep, KEEP_ALL)) {
                c.awaitHealthy(ctx.options().hardLimit());
                full = measure(browser, c, true);
            }
            for (String key : full.keySet()) {
                long[] f = full.get(key);
                long[] e = empty.get(key);
                ctx.results()
                        .add(
                                "B13 " + key + ", median",
                                "ms",
                                "empty database",
                                rep,
                                Stats.percentile(f, 50) / 1e3,
                                Stats.percentile(e, 50) / 1e3);
                ctx.results()
                        .add(
                                "B13 " + key + ", max",
                                "ms",
                                "empty database",
                                rep,
                                f[f.length - 1] / 1e3,
                                e[e.length - 1] / 1e3);
                ctx.results()
                        .note("B13 rep=" + rep + " " + key + " samples µs: large " + Arrays.toString(f) + ", empty "
                                + Arrays.toString(e));
            }
        }
        ctx.results().note("B13 rep=" + rep + " loadavg1 after=" + BenchContext.loadAverage());
    }

    /**
     * Per view, cold ({@code "<view> interactive, empty cache"}) and warm ({@code "<view> interactive, warm
     * cache"}): {@value #WARMUP} unmeasured rounds, then the configured samples, sorted (µs).
     */
    private Map<String, long[]> measure(Browser browser, Controller c, boolean expectRows) throws IOException {
        String origin = c.base().toString().replaceAll("/$", "");
        Map<String, long[]> out = new LinkedHashMap<>();
        int samples = ctx.options().pageSamples();
        for (Map.Entry<String, String[]> view : VIEWS.entrySet()) {
            long[] cold = new long[samples];
            long[] warm = new long[samples];
            for (int i = -WARMUP; i < samples; i++) {
                long[] took = twice(browser, origin, c.adminKey(), view.getValue()[0], view.getValue()[1], expectRows);
                if (i >= 0) {
                    cold[i] = took[0];
                    warm[i] = took[1];
                }
            }
            Arrays.sort(cold);
            Arrays.sort(warm);
            out.put(view.getKey() + " interactive, empty cache", cold);
            out.put(view.getKey() + " interactive, warm cache", warm);
        }
        return out;
    }

    /**
     * A fresh profile signs in through the API, then loads the view twice: first with an empty cache,
     * then again (through {@code about:blank}, so the page really reloads) with the cache the first load
     * filled. Each time from navigation start to the page's own mark, in µs.
     */
    private long[] twice(Browser browser, String origin, String key, String route, String searchId, boolean expectRows)
            throws IOException {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860))) {
            APIResponse signIn = context.request()
                    .post(
                            origin + "/api/auth/session",
                            RequestOptions.create().setHeader("Origin", origin).setData(Map.of("api_key", key)));
            if (signIn.status() != 200 && signIn.status() != 201) {
                throw new IOException("sign-in -> " + signIn.status() + ": " + signIn.text());
            }
            Page page = context.newPage();
            page.addInitScript("(" + WATCH + ")(" + jsString(searchId) + ")");
            long cold = load(page, origin + "/#" + route, expectRows);
            page.navigate("about:blank");
            long warm = load(page, origin + "/#" + route, expectRows);
            return new long[] {cold, warm};
        }
    }

    private long load(Page page, String url, boolean expectRows) throws IOException {
        page.navigate(url);
        page.waitForFunction(
                "() => window.__kfReady",
                null,
                new Page.WaitForFunctionOptions()
                        .setTimeout(ctx.options().hardLimit().toMillis()));
        @SuppressWarnings("unchecked")
        Map<String, Object> ready = (Map<String, Object>) page.evaluate("() => window.__kfReady");
        int rows = ((Number) ready.get("rows")).intValue();
        if (rows < 0 || expectRows && rows == 0) {
            throw new IOException(url + " showed " + (rows < 0 ? "an error" : "no rows") + ": "
                    + page.locator("main").innerText());
        }
        return Math.round(((Number) ready.get("at")).doubleValue() * 1000);
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
