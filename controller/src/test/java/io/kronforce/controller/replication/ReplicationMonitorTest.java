package io.kronforce.controller.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.fixtures.MutableInstantSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health from what the supervisor reports: one failed and one recovered per outage, the gap measured. */
class ReplicationMonitorTest {
    private final MutableInstantSource clock = MutableInstantSource.at("2026-03-01T10:00:00Z");
    private final List<ReplicationMonitor.Change> changes = new ArrayList<>();
    private final ReplicationMonitor monitor = new ReplicationMonitor("s3://b/p", clock, (c, s) -> changes.add(c));

    private static LitestreamLine line(String level, String msg) {
        return LitestreamLine.parse("time=x level=" + level + " msg=\"" + msg + "\" db=/d");
    }

    @Test
    void aDeadChildFailsOnceAndRecoversWhenItRunsAgain() {
        monitor.started(1);
        clock.advance(Duration.ofSeconds(5));
        monitor.line(line("INFO", "wal segment written"));
        assertTrue(monitor.state(0).healthy());
        monitor.exited(137);
        monitor.sample(null);
        assertEquals(1, changes.size());
        assertTrue(changes.get(0).failed());
        assertFalse(monitor.state(0).running());
        clock.advance(Duration.ofSeconds(2));
        monitor.started(2);
        assertEquals(2, changes.size());
        assertFalse(changes.get(1).failed());
        assertEquals(2.0, changes.get(1).downSeconds());
        ReplicationState state = monitor.state(1);
        assertEquals(2.0, state.downSeconds(), "the time before the first start is not a gap");
        assertEquals(1, state.restarts());
        assertEquals(2.0, state.secondsSinceUpload());
    }

    @Test
    void anErrorAfterTheLastUploadFailsUntilAnUploadOrCatchingUp() {
        monitor.started(1);
        monitor.line(line("ERROR", "monitor error"));
        assertEquals(1, changes.size());
        assertFalse(monitor.state(0).healthy());
        assertEquals(1, monitor.state(0).syncErrors());
        clock.advance(Duration.ofSeconds(1));
        monitor.sample(new LitestreamMetrics.Sample(4096, 0));
        assertEquals(1, changes.size(), "still behind: still failed");
        monitor.sample(new LitestreamMetrics.Sample(0, 0));
        assertEquals(2, changes.size());
        assertTrue(monitor.state(0).healthy());
        assertEquals(0, monitor.state(0).pendingWalBytes());
    }

    @Test
    void aStoppingControllerReportsNothing() {
        monitor.started(1);
        monitor.quiet();
        monitor.exited(0);
        assertEquals(List.of(), changes);
    }

    @Test
    void metricsCarryEverySeries() {
        monitor.started(1);
        StringBuilder out = new StringBuilder();
        monitor.state(3).appendMetrics(out);
        for (String name : List.of(
                "running 1",
                "healthy 1",
                "seconds_since_upload 0",
                "wal_pending_bytes -1",
                "sync_errors_total 0",
                "restarts_total 3",
                "down_seconds_total 0")) {
            assertTrue(out.toString().contains("\nkronforce_replication_" + name + "\n"), () -> name + " in " + out);
        }
    }
}
