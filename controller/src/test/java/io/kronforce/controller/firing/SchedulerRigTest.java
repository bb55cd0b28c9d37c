package io.kronforce.controller.firing;

import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.fixtures.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests that drive the scheduler by hand: a fresh temp database, a settable clock, a rig. */
public abstract class SchedulerRigTest {
    @TempDir
    Path dir;

    final MutableInstantSource clock = MutableInstantSource.at("2026-03-01T10:00:00.500Z");
    TestDatabase tdb;
    SchedulerRig rig;

    @BeforeEach
    void openRig() {
        tdb = TestDatabase.open(dir);
        rig = new SchedulerRig(tdb, clock);
    }

    /** The job's persisted next fire (null: nothing planned). */
    Long persistedNext(String jobId) {
        return tdb.plans().findPlanned(jobId).orElseThrow().nextFireMs();
    }

    static long ms(String rfc3339) {
        return java.time.Instant.parse(rfc3339).toEpochMilli();
    }

    @AfterEach
    void closeRig() {
        rig.close();
        tdb.close();
    }
}
