package io.kronforce.controller.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.Access;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference lists what the code declares: every route of the route table with the role it
 * requires (docs/reference/rest.md) and every controller environment variable
 * (docs/reference/configuration.md), so neither falls behind a new route, role or setting.
 */
class ReferenceRoutesTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path dir;

    @Test
    void restReferenceListsEveryRouteWithItsRole() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/reference/rest.md"));
        try (TestController tc = TestController.start(dir)) {
            assertFalse(tc.routes().isEmpty(), "route table is empty");
            for (var route : tc.routes()) {
                String row = "| " + route.method() + " | `" + route.path() + "` | " + role(route.access());
                assertTrue(
                        doc.contains(row),
                        () -> "docs/reference/rest.md lacks the route: add the row " + row + " | request | answer |");
            }
        }
    }

    @Test
    void configurationReferenceListsEveryControllerVariable() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/reference/configuration.md"));
        String source = Files.readString(
                ROOT.resolve("controller/src/main/java/io/kronforce/controller/main/ControllerSettings.java"));
        var names = java.util.regex.Pattern.compile("\"(KRONFORCE_[A-Z_]+)\"").matcher(source);
        int seen = 0;
        while (names.find()) {
            seen++;
            String name = names.group(1);
            assertTrue(
                    doc.contains("`" + name + "`"),
                    () -> "docs/reference/configuration.md lacks " + name + ": add it to the variables table");
        }
        assertTrue(seen > 10, "found only " + seen + " variables in ControllerSettings");
    }

    private static String role(Access access) {
        return access.name().toLowerCase(Locale.ROOT);
    }
}
