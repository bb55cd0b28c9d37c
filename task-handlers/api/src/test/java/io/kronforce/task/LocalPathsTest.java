package io.kronforce.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPathsTest {
    @TempDir
    Path dir;

    @Test
    void theHostProcesssEnvironmentCannotBeNamedDirectlyOrThroughALink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("innocent.txt"), Path.of("/proc/self/environ"));
        for (Path p : new Path[] {
            Path.of("/proc/self/environ"),
            Path.of("/proc/" + ProcessHandle.current().pid() + "/environ"),
            Path.of("/tmp/../proc/self/mem"),
            link,
            Path.of("/proc/self/not-there/new-file")
        }) {
            assertTrue(LocalPaths.refusal(p).isPresent(), p::toString);
        }
    }

    @Test
    void ordinaryFilesAndFilesStillToBeWrittenAreFine() {
        assertEquals(Optional.empty(), LocalPaths.refusal(dir.resolve("report.csv")));
        assertEquals(Optional.empty(), LocalPaths.refusal(dir.resolve("not/yet/there.bin")));
        assertEquals(Optional.empty(), LocalPaths.refusal(Path.of("/processes.txt")));
    }
}
