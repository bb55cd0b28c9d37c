package io.kronforce.controller.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every job in examples/ is accepted by the API as it is, so the examples cannot drift. */
class ExamplesTest {
    private static final Path EXAMPLES =
            Path.of(System.getProperty("user.dir")).getParent().resolve("examples");

    @TempDir
    Path dir;

    @Test
    void everyExampleJobIsCreatedAsItIs() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            examples =
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(examples.isEmpty(), "no examples found in " + EXAMPLES);
        try (TestController tc = TestController.start(dir)) {
            for (Path example : examples) {
                var response = tc.post("/api/jobs", Role.OPERATOR, Files.readString(example));
                assertEquals(201, response.status(), example.getFileName() + ": " + response);
            }
        }
    }
}
