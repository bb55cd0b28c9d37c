package io.kronforce.controller.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Base of HTTP test classes whose tests share one {@link TestController} (each test makes its
 * own uniquely named jobs, so they do not see each other's rows).
 */
// The controller sits in a static field of this base class, one for all subclasses: they take turns.
@ResourceLock("io.kronforce.controller.testing.SharedControllerTest")
public abstract class SharedControllerTest {
    @TempDir
    static Path dir;

    protected static TestController tc;

    @BeforeAll
    static void startController() {
        tc = TestController.start(dir);
    }

    @AfterAll
    static void stopController() {
        tc.close();
    }
}
