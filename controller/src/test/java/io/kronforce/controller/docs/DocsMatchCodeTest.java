package io.kronforce.controller.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.ProblemType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Documentation that lists code facts must list all of them. */
class DocsMatchCodeTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void problemCatalogueListsEveryProblemType() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/api/problems.md"));
        for (ProblemType type : ProblemType.values()) {
            assertTrue(
                    doc.contains("| `" + type.slug() + "` | " + type.status() + " | " + type.title() + " |"),
                    "docs/api/problems.md lacks " + type);
        }
    }

    @Test
    void configurationDocListsEverySettingTheHelpTextNames() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/CONFIGURATION.md"));
        String source = Files.readString(
                        ROOT.resolve("controller/src/main/java/io/kronforce/controller/main/ControllerSettings.java"))
                + Files.readString(ROOT.resolve(
                        "controller/src/main/java/io/kronforce/controller/replication/ReplicaSettings.java"));
        var names = java.util.regex.Pattern.compile("\"(KRONFORCE_[A-Z_]+)\"").matcher(source);
        while (names.find()) {
            assertTrue(doc.contains("`" + names.group(1) + "`"), "docs/CONFIGURATION.md lacks " + names.group(1));
        }
    }
}
