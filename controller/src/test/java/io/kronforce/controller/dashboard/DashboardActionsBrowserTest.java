package io.kronforce.controller.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What people do in the dashboard, in a real Chromium against a real controller: build jobs of each
 * schedule kind and see them run, follow live output, be refused as a viewer, meet hostile data, and
 * ask why a job did not run.
 */
class DashboardActionsBrowserTest {
    private static final LocatorAssertions.ContainsTextOptions LONG =
            new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);

    @TempDir
    static Path dir;

    static TestController tc;
    static Chromium chromium;

    @BeforeAll
    static void start() {
        tc = TestController.start(dir);
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        chromium.close();
        tc.close();
    }

    private static WatchedPage signedIn(Role role) {
        WatchedPage w = chromium.open(tc.uri("/").toString());
        w.signIn(tc.key(role));
        return w;
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void tab(Page page, String name) {
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(name).setExact(true))
                .click();
    }

    /** Fills the Builder's first tab and returns after switching to the Schedule tab. */
    private static void newShellJob(Page page, String name, String command) {
        page.navigate("/#/builder");
        page.getByLabel("Name *").fill(name);
        page.getByLabel("command *").fill(command);
        tab(page, "Schedule");
    }

    private static JsonNode jobNamed(String name) {
        JsonNode page = tc.read("/api/jobs?search=" + name.replace(" ", "%20"));
        for (JsonNode j : page.path("data")) {
            if (j.path("name").asText().equals(name)) {
                return j;
            }
        }
        throw new AssertionError("no job " + name + " in " + page);
    }

    private static void awaitARun(String jobId, String status) {
        try {
            Awaitility.await(jobId + " " + status)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> tc.read("/api/jobs/" + jobId + "/executions")
                            .path("data")
                            .findValuesAsText("status")
                            .contains(status));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "no " + status + " run of " + tc.read("/api/jobs/" + jobId) + ": "
                            + tc.read("/api/jobs/" + jobId + "/executions"),
                    e);
        }
    }

    @Test
    void aJobBuiltInTheBuilderRunsOnDemandAndItsOutputShows() {
        try (WatchedPage w = signedIn(Role.OPERATOR)) {
            newShellJob(w.page, "built on demand", "echo hello from the builder; sleep 1");
            button(w.page, "Create job").click();
            assertThat(w.page.locator("h1")).containsText("built on demand");
            button(w.page, "Run now").click();
            button(w.page, "Run now").last().click(); // the dialog's
            assertThat(w.page.locator("main")).containsText("hello from the builder", LONG);
            assertThat(w.page.locator("h1 .badge"))
                    .hasText("succeeded", new LocatorAssertions.HasTextOptions().setTimeout(30_000));

            String id = jobNamed("built on demand").path("id").asText();
            w.page.navigate("/#/jobs/" + id);
            w.page.getByText("Edit", new Page.GetByTextOptions().setExact(true)).click();
            w.page.getByLabel("Description").fill("edited in the builder");
            button(w.page, "Save").click();
            assertThat(w.page.locator("main")).containsText("edited in the builder");
            assertEquals(
                    "edited in the builder",
                    tc.read("/api/jobs/" + id).path("description").asText());
            assertEquals(2, tc.read("/api/jobs/" + id + "/versions").size());
            assertEquals(List.of(), w.problems());
        }
    }

    @Test
    void anOlderVersionIsRestoredFromTheVersionsTab() {
        String id = Api.createJob(tc, Jobs.shell("restored in the dashboard", "echo first"));
        tc.put("/api/jobs/" + id, Role.OPERATOR, Map.of("task", Map.of("type", "shell", "command", "echo second")));
        try (WatchedPage w = signedIn(Role.OPERATOR)) {
            w.page.navigate("/#/jobs/" + id);
            tab(w.page, "Versions");
            assertThat(button(w.page, "Restore version 2")).hasCount(0); // the latest is what the job is
            button(w.page, "Restore version 1").click();
            assertThat(w.page.locator(".toasts")).containsText("Restored version 1");
            assertThat(button(w.page, "Restore version 2")).isVisible();
            assertEquals(
                    "echo first",
                    tc.read("/api/jobs/" + id).path("task").path("command").asText());
            assertEquals(3, tc.read("/api/jobs/" + id + "/versions").size());
            assertEquals(List.of(), w.problems());
        }
        try (WatchedPage w = signedIn(Role.VIEWER)) {
            w.page.navigate("/#/jobs/" + id);
            tab(w.page, "Versions");
            assertThat(w.page.locator("main")).containsText("operator");
            assertThat(button(w.page, "Restore version 1")).hasCount(0);
        }
    }

    @Test
    void jobsOfEveryScheduleKindAreBuiltAndTheTimedOnesRunByThemselves() {
        try (WatchedPage w = signedIn(Role.OPERATOR)) {
            Page p = w.page;
            newShellJob(p, "every second", "echo tick");
            p.getByLabel("Schedule kind").selectOption("cron");
            p.getByLabel(Pattern.compile("^Cron expression")).fill("* * * * * *");
            button(p, "Create job").click();
            assertThat(p.locator("h1")).containsText("every second");

            newShellJob(p, "every minute interval", "echo interval");
            p.getByLabel("Schedule kind").selectOption("interval");
            p.getByLabel(Pattern.compile("^Every \\(seconds\\)")).fill("60");
            button(p, "Create job").click();
            assertThat(p.locator("h1")).containsText("every minute interval");

            newShellJob(p, "one time soon", "echo once");
            p.getByLabel("Schedule kind").selectOption("one_shot");
            p.getByLabel(Pattern.compile("^At "))
                    .fill(java.time.Instant.now().plusSeconds(2).toString().replaceAll("\\.\\d+Z$", "Z"));
            button(p, "Create job").click();
            assertThat(p.locator("h1")).containsText("one time soon");

            newShellJob(p, "month end close", "echo close");
            p.getByLabel("Schedule kind").selectOption("calendar");
            p.getByLabel("Anchor").selectOption("last_day");
            p.getByLabel("Hour").fill("18");
            p.getByLabel("Time zone (cron and calendar are read in it; empty = UTC)")
                    .fill("America/New_York");
            assertThat(p.locator("#calendar-preview tr").first()).containsText("18:00");
            button(p, "Create job").click();
            assertThat(p.locator("h1")).containsText("month end close");
            tab(p, "Upcoming");
            assertThat(p.locator("main")).containsText("America/New_York");
            assertThat(p.locator("main tbody tr").first()).containsText("T18:00:00-0");

            newShellJob(p, "after a failure", "echo reacting");
            p.getByLabel("Schedule kind").selectOption("event");
            p.getByLabel(Pattern.compile("^Event kind pattern")).fill("execution.completed");
            p.getByLabel("Severity").selectOption("error");
            button(p, "Create job").click();
            assertThat(p.locator("h1")).containsText("after a failure");

            awaitARun(jobNamed("every second").path("id").asText(), "succeeded");
            awaitARun(jobNamed("every minute interval").path("id").asText(), "succeeded");
            awaitARun(jobNamed("one time soon").path("id").asText(), "succeeded");
            String failing = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("fails"), "exit 1"));
            Api.trigger(tc, failing);
            awaitARun(jobNamed("after a failure").path("id").asText(), "succeeded");
            tc.put(
                    "/api/jobs/" + jobNamed("every second").path("id").asText(),
                    Role.OPERATOR,
                    Map.of("status", "paused"));

            w.show("/monitor/runs?search=tick");
            assertThat(p.locator("main")).containsText("every second");
            assertEquals(List.of(), w.problems());
        }
    }

    @Test
    void liveOutputArrivesWhileTheJobIsStillRunning() {
        String id = Api.createJob(
                tc,
                Jobs.shell(
                        Jobs.uniqueName("slow-printer"), "for i in 1 2 3 4 5 6 7 8; do echo line-$i; sleep 1; done"));
        try (WatchedPage w = signedIn(Role.VIEWER)) {
            String run = Api.trigger(tc, id);
            w.page.navigate("/#/runs/" + run);
            assertThat(w.page.getByLabel("Live output")).containsText("line-2", LONG);
            assertEquals(
                    "running",
                    tc.read("/api/executions/" + run).path("status").asText(),
                    "the line arrived before the run ended");
            assertThat(w.page.locator("h1 .badge"))
                    .hasText("succeeded", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
            assertThat(w.page.getByLabel("Standard output")).containsText("line-8");
            assertEquals(List.of(), w.problems());
        }
    }

    @Test
    void aViewerSeesNoWriteControlsAndAForcedWriteIsRefused() {
        String id = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("viewer-visible"), "echo hi"));
        try (WatchedPage w = signedIn(Role.VIEWER)) {
            w.show("/jobs/" + id);
            assertThat(w.page.locator("h1")).containsText("viewer-visible");
            for (String control : List.of("Run now", "Pause", "Delete", "Edit")) {
                assertEquals(
                        0,
                        w.page.getByText(control, new Page.GetByTextOptions().setExact(true))
                                .count(),
                        control);
            }
            assertEquals(0, w.page.locator("nav.side").getByText("Builder").count());
            w.show("/monitor/jobs");
            assertEquals(0, w.page.locator("main input[type=checkbox]").count(), "no bulk selection");
            w.show("/toolbox/variables");
            assertEquals(0, w.page.getByText("New variable").count());

            Object status = w.page.evaluate(
                    "id => fetch('/api/jobs/' + id + '/trigger', {method: 'POST', "
                            + "headers: {'Content-Type': 'application/json'}, body: '{}'}).then(r => r.status)",
                    id);
            assertEquals(403, ((Number) status).intValue());
            assertEquals(
                    0, tc.read("/api/jobs/" + id + "/executions").path("total").asInt());
            Predicate<String> refused = s -> s.contains("403") && s.contains("/trigger");
            assertEquals(List.of(), w.problems(refused));
        }
    }

    @Test
    void hostileNamesAndValuesShowAsTextAndRunNothing() {
        String script = "<script>window.__pwned=1</script>";
        String quotes = "');alert(1);('";
        String img = "\"><img src=x onerror=\"window.__pwned=1\">";
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "HOSTILE_A", "value", script))
                        .status());
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "HOSTILE_B", "value", quotes))
                        .status());
        assertEquals(
                201,
                tc.post(
                                "/api/connections",
                                Role.OPERATOR,
                                Map.of(
                                        "name",
                                        "hostile",
                                        "conn_type",
                                        "http",
                                        "description",
                                        img,
                                        "config",
                                        Map.of("base_url", "http://127.0.0.1:1")))
                        .status());
        String id = Api.createJob(
                tc,
                Jobs.shell(
                                Jobs.uniqueName("hostile"),
                                "echo '" + script.replace("'", "") + "'; echo \"$0\"; echo {{params.p}}")
                        .description(img)
                        .group("odd - group_1"));
        // The API refuses such group names; a database carried over from upstream may hold one. Put it there directly.
        String hostileGroup = "x');window.__pwned=1;('<img src=x onerror=window.__pwned=1>";
        String other = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("imported"), "true"));
        assertEquals(1, (int) tc.parts().db().write(c -> {
            try (var ps = c.prepareStatement(
                    "UPDATE jobs SET group_name=?, spec_json=json_set(spec_json, '$.group', ?) WHERE id=?")) {
                ps.setString(1, hostileGroup);
                ps.setString(2, hostileGroup);
                ps.setString(3, other);
                return ps.executeUpdate();
            }
        }));
        assertEquals(hostileGroup, tc.read("/api/jobs/" + other).path("group").asText());
        String run = Api.trigger(tc, id, Map.of("params", Map.of("p", quotes)));
        Api.awaitStatus(tc, run, "succeeded", Duration.ofSeconds(20));
        try (WatchedPage w = signedIn(Role.ADMIN)) {
            w.show("/toolbox/variables");
            assertThat(w.page.locator("#variables")).containsText(script);
            assertThat(w.page.locator("#variables")).containsText(quotes);
            w.show("/toolbox/connections");
            assertThat(w.page.locator("main")).containsText(img);
            w.show("/jobs/" + id);
            assertThat(w.page.locator("main")).containsText(img);
            w.show("/runs/" + run);
            assertThat(w.page.getByLabel("Standard output")).containsText(script);
            assertThat(w.page.locator("main")).containsText(quotes);
            w.show("/monitor/jobs?group=odd - group_1");
            assertThat(w.page.locator("main")).containsText("hostile");
            w.show("/monitor/jobs?search=imported");
            assertThat(w.page.locator("main tbody")).containsText(hostileGroup);
            w.page.locator("main tbody").getByText(hostileGroup).click();
            assertThat(w.page.locator("#job-group")).hasValue(hostileGroup);
            assertThat(w.page.locator("main tbody")).containsText("imported");
            w.show("/pipelines");
            w.page.getByText(hostileGroup).click();
            assertThat(w.page.locator("h1")).hasText("Pipeline: " + hostileGroup);
            assertThat(w.page.locator(".stages")).containsText("imported");

            assertEquals(0, w.page.locator("img[src=x]").count());
            assertEquals(0, w.page.locator("main script").count());
            assertEquals(true, w.page.evaluate("() => window.__pwned === undefined"));
            assertEquals(List.of(), w.dialogs());
            assertEquals(List.of(), w.problems());
        }
    }

    @Test
    void whyDidntItRunShowsASkippedSlotAndAConcurrencyRefusal() throws Exception {
        String slow = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("one-at-a-time"), "sleep 20")
                        .with("max_concurrent", TestController.JSON.valueToTree(1)));
        String first = Api.trigger(tc, slow);
        Api.awaitStatus(tc, first, "running", Duration.ofSeconds(20));
        Api.trigger(tc, slow);

        String ticking = Api.createJob(
                tc, Jobs.shell(Jobs.uniqueName("paused-ticker"), "true").cron("* * * * * *"));
        assertEquals(
                200,
                tc.put("/api/jobs/" + ticking, Role.OPERATOR, Map.of("status", "paused"))
                        .status());
        Thread.sleep(2500);
        assertEquals(
                200,
                tc.put("/api/jobs/" + ticking, Role.OPERATOR, Map.of("status", "scheduled"))
                        .status());
        Awaitility.await("paused slots recorded")
                .atMost(Duration.ofSeconds(20))
                .until(() -> tc.read("/api/jobs/" + ticking + "/executions")
                        .path("data")
                        .findValuesAsText("status")
                        .contains("skipped"));
        assertEquals(
                200,
                tc.put("/api/jobs/" + ticking, Role.OPERATOR, Map.of("status", "paused"))
                        .status());

        try (WatchedPage w = signedIn(Role.VIEWER)) {
            w.show("/jobs/" + slow + "/why");
            assertThat(w.page.locator("#why-rows")).containsText("max_concurrent 1 reached");
            assertThat(w.page.locator("#why-rows .why-kind[data-kind=concurrency_refused]"))
                    .hasText("concurrency limit");

            w.show("/jobs/" + ticking + "/why");
            assertThat(w.page.locator("#why-rows .why-kind[data-kind=paused]").first())
                    .hasText("paused");
            assertThat(w.page.locator("#why-panel")).containsText("The job is paused");
            assertEquals(List.of(), w.problems());
        }
        assertEquals(
                200,
                tc.post("/api/executions/" + first + "/cancel", Role.OPERATOR, Map.of())
                        .status());
    }

    @Test
    void aBulkActionPreviewsExactlyTheChosenJobsThenReportsEachOne() {
        String a =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("bulk-a"), "true").group("bulk"));
        String b =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("bulk-b"), "true").group("bulk"));
        String c =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("bulk-c"), "true").group("bulk"));
        String nameA = tc.read("/api/jobs/" + a).path("name").asText();
        String nameB = tc.read("/api/jobs/" + b).path("name").asText();
        try (WatchedPage w = signedIn(Role.OPERATOR)) {
            w.show("/monitor/jobs?group=bulk");
            w.page.getByLabel("Select " + nameA).check();
            w.page.getByLabel("Select " + nameB).check();
            button(w.page, "Pause").click();
            Locator items = w.page.locator("#bulk-items tbody tr");
            assertThat(items).hasCount(2);
            assertThat(items.nth(0)).containsText(nameA);
            assertThat(items.nth(1)).containsText(nameB);
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Pause 2 job")))
                    .click();
            assertThat(w.page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("done")))
                    .containsText("2 done, 0 failed");
            assertEquals(List.of(), w.problems());
        }
        assertEquals("paused", tc.read("/api/jobs/" + a).path("status").asText());
        assertEquals("paused", tc.read("/api/jobs/" + b).path("status").asText());
        assertEquals("scheduled", tc.read("/api/jobs/" + c).path("status").asText());
    }
}
