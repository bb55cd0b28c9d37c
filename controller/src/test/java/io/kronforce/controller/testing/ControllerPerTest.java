package io.kronforce.controller.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the API tests that need a fresh controller (own temp database, own port) for every test. */
public abstract class ControllerPerTest {
    @TempDir
    protected Path dir;

    protected TestController tc;

    @BeforeEach
    void startController() {
        tc = TestController.start(dir);
    }

    @AfterEach
    void stopController() {
        tc.close();
    }
}
