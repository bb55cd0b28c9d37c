package io.kronforce.controller.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code KRONFORCE_DB} where no database can be written: the real launcher, one line, exit 2. */
class UnwritableDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aFolderThatCannotBeCreatedStopsTheStartWithOneLineNamingTheVariable() throws Exception {
        Path inTheWay = Files.writeString(dir.resolve("not-a-folder"), "x");
        List<String> err = refusedStart(inTheWay.resolve("sub").resolve("kronforce.db"));
        assertTrue(err.get(0).contains("cannot create the folder"), err::toString);
    }

    @Test
    void aFolderWhereTheFileShouldBeStopsTheStartWithOneLineNamingTheVariable() throws Exception {
        List<String> err = refusedStart(Files.createDirectories(dir.resolve("kronforce.db")));
        assertTrue(err.get(0).contains("names a folder"), err::toString);
    }

    private List<String> refusedStart(Path db) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), ControllerMain.class.getName());
        pb.environment().put("KRONFORCE_DB", db.toString());
        pb.environment().put("KRONFORCE_BIND", "127.0.0.1:0");
        Path stderr = dir.resolve("stderr.log");
        pb.redirectOutput(dir.resolve("stdout.log").toFile()).redirectError(stderr.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher is still running");
        List<String> err = Files.readAllLines(stderr);
        assertEquals(2, p.exitValue(), err::toString);
        assertEquals(1, err.size(), err::toString);
        assertTrue(err.get(0).startsWith("kronforce: KRONFORCE_DB"), err::toString);
        return err;
    }
}
