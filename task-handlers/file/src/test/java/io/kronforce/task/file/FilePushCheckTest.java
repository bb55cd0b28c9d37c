package io.kronforce.task.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.testkit.LoadedHandler;
import io.kronforce.task.testkit.ReadmeExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilePushCheckTest {

    private final FilePushTaskHandler handler = new FilePushTaskHandler();

    @Test
    void theReadmeExampleBindsAndPasses() {
        List<FilePushTask> examples = ReadmeExample.tasks("file_push", FilePushTask.class);
        assertEquals(1, examples.size());
        assertEquals(List.of(), handler.check(examples.get(0)));
    }

    @Test
    void serviceLoaderFindsTheHandler() {
        assertInstanceOf(FilePushTaskHandler.class, LoadedHandler.of("file_push"));
    }

    @Test
    void acceptsNamesUnderTheRoot() {
        assertEquals(List.of(), pointers(push("a.txt", "/srv/drop")));
        assertEquals(List.of(), pointers(push("sub/dir/../b.txt", "/srv/drop")));
        assertEquals(List.of(), pointers(push("/srv/drop/c.txt", "/srv/drop")));
    }

    @Test
    void requiredFieldsPointAtThemselves() {
        assertEquals(
                List.of("/destination", "/filename", "/content_base64"),
                pointers(new FilePushTask(" ", null, null, null, null)));
    }

    @Test
    void dotDotCannotClimbOutOfTheRoot() {
        assertEquals(List.of("/filename"), pointers(push("../etc/passwd", "/srv/drop")));
        assertEquals(List.of("/filename"), pointers(push("sub/../../x", "/srv/drop")));
        assertEquals(List.of("/filename"), pointers(push(".", "/srv/drop")));
    }

    @Test
    void absoluteNamesOutsideTheRootAreRefused() {
        assertEquals(List.of("/filename"), pointers(push("/etc/cron.d/evil", "/srv/drop")));
        assertEquals(
                List.of("/filename"),
                pointers(push("/srv/dropper/x", "/srv/drop")),
                "a sibling sharing a prefix is outside");
    }

    @Test
    void destinationMustBeAbsolute() {
        assertEquals(List.of("/destination"), pointers(push("a.txt", "relative/dir")));
    }

    @Test
    void contentAndModeAreJudgedOnTheirFormat() {
        assertEquals(
                List.of("/content_base64", "/permissions"),
                pointers(new FilePushTask("a", "/srv", "not base64!", "4755", null)));
        assertEquals(List.of("/permissions"), pointers(new FilePushTask("a", "/srv", "", "rw-r--r--", null)));
        assertEquals(List.of(), pointers(new FilePushTask("{{NAME}}", "{{DIR}}", "{{CONTENT}}", "644", false)));
    }

    @Test
    void toStringNeverShowsTheContent() {
        String text = new FilePushTask("a", "/srv", "c2VjcmV0LXBhc3N3b3Jk", null, null).toString();
        assertFalse(text.contains("c2VjcmV0LXBhc3N3b3Jk"), text);
        assertEquals(true, text.contains("<20 base64 characters>"), text);
    }

    private static FilePushTask push(String filename, String destination) {
        return new FilePushTask(filename, destination, "aGVsbG8=", null, null);
    }

    private List<String> pointers(FilePushTask task) {
        return handler.check(task).stream().map(ConfigViolation::pointer).toList();
    }
}
