package io.kronforce.task.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePushTaskHandlerTest {

    @TempDir
    Path dir;

    private Path root;
    private Path outside;
    private final FilePushTaskHandler handler = new FilePushTaskHandler();

    @BeforeEach
    void layout() throws Exception {
        root = dir.resolve("root");
        outside = Files.createDirectories(dir.resolve("outside"));
    }

    @Test
    void writesTheBytesCreatingDirectoriesAndPrintsUpstreamsLine() throws Exception {
        byte[] content = {0, 1, (byte) 0xff, '\r', '\n', 'x'};
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = handler.run(push("conf.d/app.bin", content, null, null), ctx);
        Path written = root.resolve("conf.d/app.bin");
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("path", written.toRealPath().toString(), "bytes", "6")), outcome);
        assertArrayEquals(content, Files.readAllBytes(written));
        assertEquals(
                "File 'conf.d/app.bin' written to " + root + " (6 bytes)\n",
                ctx.output().stdoutText());
        try (var siblings = Files.list(written.getParent())) {
            assertEquals(1, siblings.count(), "a temporary file was left behind");
        }
    }

    @Test
    void permissionsAreApplied() throws Exception {
        handler.run(push("secret.conf", bytes("k=v"), "0640", null), TestTaskContext.plain());
        assertEquals(
                "rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("secret.conf"))));
    }

    @Test
    void anExistingFileIsKeptUnlessOverwriteIsTrue() throws Exception {
        handler.run(push("a.txt", bytes("first"), "600", null), TestTaskContext.plain());
        TaskOutcome refused = handler.run(push("a.txt", bytes("second"), null, false), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, refused);
        assertEquals("file_push refused: 'a.txt' already exists and overwrite is false", failed.reason());
        assertFalse(failed.retryable());
        assertEquals("first", Files.readString(root.resolve("a.txt")));

        assertInstanceOf(
                TaskOutcome.Succeeded.class,
                handler.run(push("a.txt", bytes("second"), null, true), TestTaskContext.plain()));
        assertEquals("second", Files.readString(root.resolve("a.txt")));
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("a.txt"))),
                "an overwrite without permissions keeps the old mode");
    }

    @Test
    void aSymlinkedDirectoryCannotLeadOutOfTheRoot() throws Exception {
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("escape"), outside);
        TaskOutcome outcome = handler.run(push("escape/evil.txt", bytes("pwned"), null, true), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(
                failed.reason()
                        .startsWith("file_push refused: filename leads out of destination through a symbolic link"),
                failed.reason());
        assertFalse(Files.exists(outside.resolve("evil.txt")));
    }

    @Test
    void aSymlinkedDirectoryCannotBeUsedToCreateDirectoriesOutside() throws Exception {
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("escape"), outside);
        handler.run(push("escape/new/deeper/evil.txt", bytes("pwned"), null, true), TestTaskContext.plain());
        assertFalse(Files.exists(outside.resolve("new")), "a directory was created outside the root");
    }

    @Test
    void aSymlinkAtTheFileNameIsNotFollowedNorReplaced() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim.txt"), "original");
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("link.txt"), victim);
        TaskOutcome outcome = handler.run(push("link.txt", bytes("pwned"), null, true), TestTaskContext.plain());
        assertEquals(
                "file_push refused: 'link.txt' is a symbolic link; file_push does not replace links",
                assertInstanceOf(TaskOutcome.Failed.class, outcome).reason());
        assertEquals("original", Files.readString(victim));
    }

    @Test
    void aRootThatIsItselfALinkIsTheOperatorsChoice() throws Exception {
        Path linkedRoot = Files.createSymbolicLink(dir.resolve("current"), outside);
        FilePushTask task = new FilePushTask("ok.txt", linkedRoot.toString(), encode(bytes("fine")), null, null);
        assertInstanceOf(TaskOutcome.Succeeded.class, handler.run(task, TestTaskContext.plain()));
        assertEquals("fine", Files.readString(outside.resolve("ok.txt")));
    }

    @Test
    void anInvalidTaskWritesNothing() throws Exception {
        TaskOutcome outcome = handler.run(push("../escape.txt", bytes("x"), null, null), TestTaskContext.plain());
        assertEquals(
                new TaskOutcome.Failed(
                        null,
                        "invalid file_push task: /filename filename must stay under destination (no '..' above it)",
                        false),
                outcome);
        assertFalse(Files.exists(dir.resolve("escape.txt")));
    }

    @Test
    void aStoppedRunWritesNothing() {
        Thread.currentThread().interrupt();
        assertThrows(
                InterruptedException.class,
                () -> handler.run(push("late.txt", bytes("x"), null, null), TestTaskContext.plain()));
        assertFalse(Files.exists(root.resolve("late.txt")));
    }

    private FilePushTask push(String filename, byte[] content, String permissions, Boolean overwrite) {
        return new FilePushTask(filename, root.toString(), encode(content), permissions, overwrite);
    }

    private static String encode(byte[] content) {
        return Base64.getEncoder().encodeToString(content);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
