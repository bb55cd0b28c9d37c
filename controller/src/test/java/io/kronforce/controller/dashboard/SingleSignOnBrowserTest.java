package io.kronforce.controller.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.kronforce.controller.fixtures.OpenIdProvider;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a real Chromium: the sign-in page offers single sign-on, the round trip through the provider
 * (another site: {@code localhost} against the controller's {@code 127.0.0.1}) lands signed in
 * with the mapped role, although the session cookie is {@code SameSite=Strict}, and signing out
 * returns to the sign-in page.
 */
class SingleSignOnBrowserTest {
    @TempDir
    static Path dir;

    static OpenIdProvider idp;
    static TestController tc;
    static Chromium chromium;

    @BeforeAll
    static void start() {
        idp = OpenIdProvider.start();
        tc = TestController.start(dir, idp.env(OpenIdProvider.freePort()));
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        chromium.close();
        tc.close();
        idp.close();
    }

    @Test
    void signingInWithSsoLandsOnTheDashboardWithTheMappedRole() {
        idp.signInAs("ada", Map.of("email", "ada@example.com", "name", "Ada", "groups", List.of("kf-ops")));
        try (WatchedPage w = chromium.open(tc.uri("/").toString())) {
            w.page.navigate("/");
            w.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with SSO"))
                    .click();
            assertThat(w.page.locator("#role")).hasText("operator");
            assertThat(w.page.locator(".who")).containsText("Ada");
            assertEquals(List.of(), w.problems());
        }
    }
}
