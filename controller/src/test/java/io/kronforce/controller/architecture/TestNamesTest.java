package io.kronforce.controller.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * One naming convention for tests across the repository: a test method's name is camelCase
 * describing the behaviour ({@code refusesAWriteWithoutOrigin}), never snake_case. Reads the test
 * sources of every module (the tests run with this module as working directory, under the
 * repository root). On only when the build sets {@code kronforce.testNames.enforce=true} (the
 * root pom's property of that name).
 */
class TestNamesTest {
    /** A test annotation, any further annotations and modifiers, a return type, then the method name. */
    static final Pattern TEST_METHOD =
            Pattern.compile("@(?:Test|ParameterizedTest|RepeatedTest|TestFactory)\\b(?:\\([^)]*\\))?"
                    + "(?:\\s*@[\\w.]+(?:\\([^)]*\\))?)*"
                    + "\\s*(?:(?:public|protected|private|static|final)\\s+)*"
                    + "[\\w<>\\[\\], ?]+\\s+"
                    + "([A-Za-z_$][\\w$]*)\\s*\\(");

    static List<String> snakeCaseTestNames(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = TEST_METHOD.matcher(source);
        while (m.find()) {
            if (m.group(1).contains("_")) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void theScannerFindsSnakeCaseTestNamesAndOnlyThose() {
        // "AT" stands for the at sign, so that the rename script leaves this sample as it is.
        String source = """
                ATTest
                void refuses_a_write() {}

                ATParameterizedTest
                ATMethodSource("cases")
                public void accepts_each_case(String c) {}

                ATTest
                void refusesAWriteWithoutOrigin() {}

                void helper_not_a_test() {}
                """.replace("AT", "@");
        assertEquals(List.of("refuses_a_write", "accepts_each_case"), snakeCaseTestNames(source));
    }

    @Test
    @EnabledIfSystemProperty(named = "kronforce.testNames.enforce", matches = "true")
    void everyTestMethodInTheRepositoryIsCamelCase() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertTrue(
                Files.isRegularFile(root.resolve("controller/pom.xml")), "not run from the controller module: " + root);
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/test/java/")
                            && !p.toString().contains("/target/"))
                    .forEach(
                            p -> snakeCaseTestNames(read(p)).forEach(n -> offenders.add(root.relativize(p) + "#" + n)));
        }
        assertEquals(List.of(), offenders, offenders.size() + " test methods in snake_case; run the rename script");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
