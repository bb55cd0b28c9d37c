package io.kronforce.controller.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every view of the dashboard in a real Chromium against a real controller and database: each shows
 * the data seeded here, with no console error and no CSP refusal, in both themes (the screenshots
 * in docs/screenshots/ come from here).
 */
class DashboardViewsBrowserTest {
    @TempDir
    static Path dir;

    static TestController tc;
    static Chromium chromium;
    static String extractId;
    static String extractRun;
    static String failedRun;

    @BeforeAll
    static void seed() {
        tc = TestController.start(dir);
        chromium = Chromium.launch();
        JsonNode rules = TestController.JSON.valueToTree(
                Map.of("extractions", List.of(Map.of("name", "rows", "pattern", "rows=(\\d+)", "type", "regex"))));
        extractId = Api.createJob(
                tc,
                Jobs.shell(
                                "extract orders",
                                "printf '\\033[32mok\\033[0m rows=42\\nwarning: \\033[33mslow disk\\033[0m\\n'")
                        .group("etl")
                        .description("Pulls yesterday's orders")
                        .outputRules(rules)
                        .cron("0 2 * * *")
                        .with("timezone", "Europe/Berlin"));
        String loadId = Api.createJob(
                tc, Jobs.shell("load warehouse", "echo loaded").group("etl").dependsOn(extractId));
        Api.createJob(tc, Jobs.shell("report", "echo report").group("etl").dependsOn(loadId));
        String flaky = Api.createJob(
                tc, Jobs.shell("flaky check", "echo about to fail; exit 3").group("checks"));
        extractRun = Api.trigger(tc, extractId);
        Api.awaitStatus(tc, extractRun, "succeeded", Duration.ofSeconds(20));
        failedRun = Api.trigger(tc, flaky);
        Api.awaitStatus(tc, failedRun, "failed", Duration.ofSeconds(20));
        ok(tc.post("/api/variables", Role.OPERATOR, Map.of("name", "REGION", "value", "eu-central-1")));
        ok(tc.post("/api/variables", Role.OPERATOR, Map.of("name", "DB_PASSWORD", "value", "hunter2", "secret", true)));
        ok(tc.post(
                "/api/connections",
                Role.OPERATOR,
                Map.of(
                        "name",
                        "warehouse",
                        "conn_type",
                        "postgres",
                        "description",
                        "reporting replica",
                        "config",
                        Map.of("host", "127.0.0.1", "port", "5432", "password", "pw"))));
        ok(tc.put("/api/scripts/nightly", Role.OPERATOR, Map.of("code", "print(\"hello\");", "script_type", "rhai")));
        ok(tc.post(
                "/api/agents/register",
                Role.AGENT,
                Map.of(
                        "name",
                        "edge-1",
                        "tags",
                        List.of("gpu", "eu"),
                        "hostname",
                        "edge-host",
                        "address",
                        "127.0.0.1",
                        "port",
                        0,
                        "agent_type",
                        "custom")));
    }

    private static void ok(TestController.Response r) {
        assertTrue(r.status() < 300, r::toString);
    }

    @AfterAll
    static void stop() {
        chromium.close();
        tc.close();
    }

    /** The only console error a signed-out page has: "am I signed in?" answered 401. */
    static boolean signedOutProbe(String problem) {
        return problem.contains("401") && problem.contains("/api/auth/me");
    }

    @Test
    void signsInWithTheKeyOnceKeepsNoKeyInTheBrowserAndSignsOut() {
        try (WatchedPage w = chromium.open(tc.uri("/").toString())) {
            w.signIn(tc.key(Role.OPERATOR));
            assertThat(w.page.locator("#role")).hasText("operator");
            String storage = (String) w.page.evaluate(
                    "() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie");
            assertFalse(storage.contains("kf_"), storage);
            assertTrue(
                    w.context.cookies().stream().anyMatch(c -> c.name.equals("kf_session") && c.httpOnly),
                    "an HttpOnly session cookie");

            w.page.reload();
            assertThat(w.page.locator("#role")).hasText("operator");
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                    .click();
            assertThat(w.page.getByLabel("API key")).isVisible();
            w.page.reload();
            assertThat(w.page.getByLabel("API key")).isVisible();
            assertEquals(List.of(), w.problems(DashboardViewsBrowserTest::signedOutProbe));
        }
    }

    @Test
    void keyboardShortcutsOpenHelpSearchAndLists() {
        try (WatchedPage w = chromium.open(tc.uri("/").toString())) {
            w.signIn(tc.key(Role.VIEWER));
            w.page.keyboard().press("?");
            assertThat(w.page.getByRole(AriaRole.DIALOG)).containsText("Keyboard shortcuts");
            w.page.keyboard().press("Escape");
            w.page.keyboard().press("g");
            w.page.keyboard().press("r");
            assertThat(w.page.locator("#run-search")).isVisible();
            w.page.keyboard().press("/");
            assertThat(w.page.locator("#job-search")).isFocused();
            w.page.locator("#job-search").fill("extract");
            w.page.keyboard().press("Enter");
            assertThat(w.page.locator("main tbody")).containsText("extract orders");
            assertTrue(w.page.url().contains("search=extract"), "the search is in the shareable URL: " + w.page.url());
            assertEquals(List.of(), w.problems());
        }
    }

    @Test
    void aWrongKeyIsRefusedOnTheSignInPage() {
        try (WatchedPage w = chromium.open(tc.uri("/").toString())) {
            w.page.navigate("/");
            w.page.getByLabel("API key").fill("kf_not-a-real-key");
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                    .click();
            assertThat(w.page.getByRole(AriaRole.ALERT)).hasText("That key was not accepted.");
        }
    }

    /** Route, text that proves real data arrived, screenshot name. */
    record View(String route, String expected, String shot) {}

    @Test
    void everyViewShowsRealDataWithoutErrorsInBothThemes() throws Exception {
        List<View> views = List.of(
                new View("/", "Runs in the last 15 minutes", "dashboard"),
                new View("/dashboard/activity", "flaky check", "dashboard-activity"),
                new View("/dashboard/infrastructure", "etl · 3", "dashboard-infrastructure"),
                new View("/monitor/jobs", "extract orders", "monitor-jobs"),
                new View("/monitor/runs", "flaky check", "monitor-runs"),
                new View("/monitor/events", "flaky check", "monitor-events"),
                new View("/jobs/" + extractId, "Pulls yesterday's orders", "job"),
                new View("/jobs/" + extractId + "/history", extractRun.substring(0, 8), "job-history"),
                new View("/jobs/" + extractId + "/upcoming", "Europe/Berlin", "job-upcoming"),
                new View("/jobs/" + extractId + "/why", "Every fire from", "job-why"),
                new View("/runs/" + extractRun, "rows=42", "run"),
                new View("/runs/" + failedRun, "about to fail", "run-failed"),
                new View("/pipelines/etl", "report", "pipelines"),
                new View("/pipelines/etl/map", "", "pipelines-map"),
                new View("/builder", "Task type", "builder"),
                new View("/toolbox/scripts", "nightly", "toolbox-scripts"),
                new View("/toolbox/variables", "eu-central-1", "toolbox-variables"),
                new View("/toolbox/connections", "reporting replica", "toolbox-connections"),
                new View("/settings/general", "Retention", "settings"),
                new View("/settings/agents", "edge-1", "settings-agents"),
                new View("/settings/keys", "operator", "settings-keys"),
                new View("/settings/notifications", "SMTP host", "settings-notifications"),
                new View("/audit", "job.created", "audit"));
        Files.createDirectories(WatchedPage.SCREENSHOTS);
        try (WatchedPage w = chromium.open(tc.uri("/").toString())) {
            w.signIn(tc.key(Role.ADMIN));
            for (String theme : List.of("light", "dark")) {
                w.theme(theme);
                for (View v : views) {
                    w.show(v.route());
                    if (!v.expected().isEmpty()) {
                        assertThat(w.page.locator("main")).containsText(v.expected());
                    } else {
                        w.page.locator("canvas").first().waitFor();
                    }
                    w.screenshot(v.shot() + "-" + theme);
                }
            }
            assertFalse(w.page.locator("main").innerText().contains("hunter2"), "a secret reached the page");
            assertEquals(List.of(), w.problems(DashboardViewsBrowserTest::signedOutProbe));
        }
    }

    /** axe-core's serious and critical findings on the page as it is now, one line each. */
    @SuppressWarnings("unchecked")
    private static List<String> axeFindings(WatchedPage w) throws Exception {
        w.page.evaluate(AXE.get());
        Map<String, Object> result = (Map<String, Object>)
                w.page.evaluate(
                        "() => axe.run(document).then(r => ({passes: r.passes.length, violations: r.violations"
                                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                                + ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))}))");
        assertTrue(((Number) result.get("passes")).intValue() > 10, "axe ran its rules: " + result);
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result.get("violations");
        return violations.stream()
                .map(v -> v.get("impact") + " " + v.get("id") + " " + v.get("nodes"))
                .toList();
    }

    private static final java.util.function.Supplier<String> AXE = () -> {
        try (var in = DashboardViewsBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
            return "() => { " + new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) + "\n}";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    };

    @Test
    void theAccessibilityCheckFindsAViolationWhenThereIsOne() throws Exception {
        try (WatchedPage w = chromium.open(tc.uri("/").toString())) {
            w.signIn(tc.key(Role.ADMIN));
            w.page.evaluate(
                    "() => { const i = document.createElement('input'); document.querySelector('main').append(i); }");
            assertTrue(axeFindings(w).stream().anyMatch(f -> f.contains("label")), "an unlabelled input is reported");
        }
    }

    @Test
    void theMainViewsHaveNoSeriousOrCriticalAccessibilityViolations() throws Exception {
        List<String> routes = List.of(
                "/",
                "/monitor/jobs",
                "/monitor/runs",
                "/monitor/events",
                "/jobs/" + extractId,
                "/runs/" + extractRun,
                "/pipelines/etl",
                "/builder",
                "/toolbox/variables",
                "/settings/keys",
                "/audit");
        java.util.List<String> findings = new java.util.ArrayList<>();
        try (WatchedPage w = chromium.open(tc.uri("/").toString())) {
            w.page.navigate("/");
            w.page.getByLabel("API key").waitFor();
            axeFindings(w).forEach(f -> findings.add("sign-in: " + f));
            w.signIn(tc.key(Role.ADMIN));
            for (String theme : List.of("light", "dark")) {
                w.theme(theme);
                for (String route : routes) {
                    w.show(route);
                    axeFindings(w).forEach(f -> findings.add(theme + " " + route + ": " + f));
                }
            }
        }
        assertEquals(List.of(), findings);
    }
}
