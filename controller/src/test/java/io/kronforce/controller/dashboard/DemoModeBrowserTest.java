package io.kronforce.controller.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a demo controller opens without a key, read-only and saying so; signing in
 * with a key still works; an admin can compact the database from the settings page.
 */
class DemoModeBrowserTest {
    @TempDir
    static Path dir;

    static TestController tc;
    static Chromium chromium;

    @BeforeAll
    static void seed() {
        tc = TestController.start(dir, Map.of("KRONFORCE_DEMO_MODE", "true"));
        chromium = Chromium.launch();
        Api.createJob(tc, Jobs.shell("demo nightly", "echo hi"));
    }

    @AfterAll
    static void stop() {
        chromium.close();
        tc.close();
    }

    @Test
    void aVisitorSeesTheDemoReadOnlyWithABannerAndCanStillSignIn() {
        try (WatchedPage w = chromium.open(tc.uri("/").toString())) {
            w.show("/monitor/jobs");
            assertThat(w.page.locator(".demo-banner")).containsText("Demo mode");
            assertThat(w.page.locator("#role")).hasText("viewer");
            assertThat(w.page.locator("main tbody")).containsText("demo nightly");

            signIn(w, Role.OPERATOR);
            assertThat(w.page.locator(".demo-banner")).containsText("signed in");
            assertEquals(List.of(), w.problems());
        }
    }

    @Test
    void anAdminCompactsTheDatabaseFromTheSettingsPage() {
        try (WatchedPage w = chromium.open(tc.uri("/").toString())) {
            signIn(w, Role.ADMIN);
            w.show("/settings/general");
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compact the database (VACUUM)"))
                    .click();
            assertThat(w.page.locator("main")).containsText(" KiB in ");
            assertEquals(List.of(), w.problems());
        }
    }

    /** A demo dashboard opens as the viewer: its Sign in button leads to the key form. */
    private static void signIn(WatchedPage w, Role role) {
        w.page.navigate("/");
        signInButton(w).click();
        w.page.getByLabel("API key").fill(tc.key(role));
        signInButton(w).click();
        assertThat(w.page.locator("#role")).hasText(role.wire());
    }

    private static com.microsoft.playwright.Locator signInButton(WatchedPage w) {
        return w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"));
    }
}
