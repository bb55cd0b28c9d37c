package io.kronforce.controller.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A page plus everything that went wrong on it: console errors (Chromium reports CSP refusals there),
 * uncaught exceptions, dialogs (an injected {@code alert} would open one) and failed responses.
 */
final class WatchedPage implements AutoCloseable {
    /**
     * Where screenshots go: target/screenshots on an ordinary run (so a test run leaves the work tree
     * clean), docs/screenshots with {@code -Dkronforce.screenshots.docs=true} (refreshing the committed ones).
     */
    static final Path SCREENSHOTS = Boolean.getBoolean("kronforce.screenshots.docs")
            ? Path.of(System.getProperty("user.dir")).getParent().resolve("docs/screenshots")
            : Path.of(System.getProperty("user.dir"), "target/screenshots");

    final BrowserContext context;
    final Page page;
    private final List<String> problems = new ArrayList<>();
    private final List<String> dialogs = new ArrayList<>();

    WatchedPage(BrowserContext context, Page page) {
        this.context = context;
        this.page = page;
        page.onConsoleMessage(m -> {
            // Signed out, the page's "who am I?" is answered 401, and Chromium logs every non-2xx fetch.
            if (m.text().contains("401") && m.location().contains("/api/auth/me")) {
                return;
            }
            if ("error".equals(m.type())
                    || "warning".equals(m.type()) && m.text().contains("Content Security Policy")) {
                problems.add("console " + m.type() + ": " + m.text() + " @ " + m.location());
            }
        });
        page.onPageError(e -> problems.add("uncaught: " + e));
        page.onDialog(d -> {
            dialogs.add(d.type() + ": " + d.message());
            d.dismiss();
        });
        // Reports CSP refusals from inside the page too, with the directive that refused.
        page.addInitScript("document.addEventListener('securitypolicyviolation', e => "
                + "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
    }

    /** Problems so far, less those the caller expects (e.g. the 401 of "am I signed in?" on the sign-in page). */
    List<String> problems(Predicate<String> expected) {
        return problems.stream().filter(expected.negate()).toList();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<String> dialogs() {
        return List.copyOf(dialogs);
    }

    void clearProblems() {
        problems.clear();
    }

    void signIn(String key) {
        page.navigate("/");
        page.getByLabel("API key").fill(key);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.locator("#role")).isVisible();
    }

    /** Goes to a hash route and waits until no "Loading…" is left. */
    void show(String hashRoute) {
        page.navigate("/#" + hashRoute);
        page.waitForFunction("() => !document.body.innerText.includes('Loading…')");
    }

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(false));
    }

    void theme(String theme) {
        page.evaluate(
                "t => { localStorage.setItem('kronforce-theme', t); document.documentElement.dataset.theme = t; }",
                theme);
    }

    @Override
    public void close() {
        context.close();
    }
}
