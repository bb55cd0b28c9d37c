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
 * The REST reference lists every route of the declared route table with the role it requires, so
 * docs/reference/rest.md cannot fall behind a new route or a changed role.
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
                assertTrue(doc.contains(row), () -> "docs/reference/rest.md lacks the row " + row + " |");
            }
        }
    }

    private static String role(Access access) {
        return access.name().toLowerCase(Locale.ROOT);
    }
}
