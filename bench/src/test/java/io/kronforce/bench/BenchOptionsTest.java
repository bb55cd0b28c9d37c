package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void theSchedulerFiguresHaveTheirPerfDefaults() {
        BenchOptions o = BenchOptions.parse(new String[] {"--only", "b5,b6"});
        assertEquals(1_000, o.fireJobs());
        assertEquals(Duration.ofSeconds(60), o.fireWindow());
        assertEquals(100_000, o.manyJobs());
        assertTrue(o.wants("b5") && o.wants("b6") && !o.wants("b1"));
    }

    @Test
    void quickFlagsOverrideThemAndTooShortAWindowIsRefused() {
        BenchOptions o =
                BenchOptions.parse(new String[] {"--fire-jobs", "50", "--fire-window-s", "20", "--many-jobs", "500"});
        assertEquals(50, o.fireJobs());
        assertEquals(Duration.ofSeconds(20), o.fireWindow());
        assertEquals(500, o.manyJobs());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--fire-window-s", "5"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--only", "b17"}));
        assertTrue(BenchOptions.parse(new String[] {"--only", "b12"}).wants("b12"));
    }

    @Test
    void handlerOverheadIsAFigureOfItsOwnWithARunCount() {
        BenchOptions defaults = BenchOptions.parse(new String[] {});
        assertTrue(defaults.wants("b7"));
        assertEquals(200, defaults.handlerOps());
        BenchOptions quick = BenchOptions.parse(new String[] {"--only", "b7", "--handler-ops", "30"});
        assertTrue(quick.wants("b7") && !quick.wants("b4"));
        assertEquals(30, quick.handlerOps());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--handler-ops", "0"}));
        assertTrue(BenchOptions.parse(new String[] {"--only", "b8"}).wants("b8"));
    }

    @Test
    void workerFiguresTakeAPollerCount() {
        BenchOptions o = BenchOptions.parse(new String[] {"--only", "b9,b10", "--workers", "50"});
        assertTrue(o.wants("b9") && o.wants("b10") && !o.wants("b1"));
        assertEquals(50, o.workers());
        assertEquals(200, BenchOptions.parse(new String[] {}).workers());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--workers", "0"}));
    }

    @Test
    void theListsFigureTakesItsDatabaseSize() {
        BenchOptions defaults = BenchOptions.parse(new String[] {"--only", "b11"});
        assertTrue(defaults.wants("b11") && !defaults.wants("b1"));
        assertEquals(10_000, defaults.listJobs());
        assertEquals(1_000_000, defaults.listExecutions());
        assertEquals(200, defaults.listSamples());
        BenchOptions quick = BenchOptions.parse(
                new String[] {"--list-jobs", "100", "--list-executions", "5000", "--list-samples", "20"});
        assertEquals(100, quick.listJobs());
        assertEquals(5000, quick.listExecutions());
        assertEquals(20, quick.listSamples());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--list-jobs", "0"}));
    }

    @Test
    void theBrowserFigureTakesItsSampleCount() {
        BenchOptions defaults = BenchOptions.parse(new String[] {"--only", "b13"});
        assertTrue(defaults.wants("b13") && !defaults.wants("b11"));
        assertEquals(5, defaults.pageSamples());
        assertEquals(9, BenchOptions.parse(new String[] {"--page-samples", "9"}).pageSamples());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--page-samples", "0"}));
    }

    @Test
    void thePeersWorkloadsHaveThePeersSizesUnlessToldOtherwise() {
        BenchOptions o = BenchOptions.parse(new String[] {"--only", "w1,w3"});
        assertTrue(o.wants("w1") && o.wants("w3") && !o.wants("w2") && !o.wants("b1"));
        assertEquals(new BenchOptions.Workloads(10_000, 200, 1_000, Duration.ofSeconds(20), 10_000), o.workloads());
        BenchOptions quick = BenchOptions.parse(new String[] {
            "--burst-runs",
            "500",
            "--latency-runs",
            "20",
            "--precision-jobs",
            "50",
            "--precision-window-s",
            "5",
            "--footprint-jobs",
            "300"
        });
        assertEquals(new BenchOptions.Workloads(500, 20, 50, Duration.ofSeconds(5), 300), quick.workloads());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--burst-runs", "0"}));
    }

    @Test
    void theSynchronousModeIsNormalUnlessAskedAndBothMakesB4CompareThem() {
        BenchOptions defaults = BenchOptions.parse(new String[] {});
        assertEquals("normal", defaults.dbSync());
        assertFalse(defaults.comparesDbSync());
        assertEquals(
                "full", BenchOptions.parse(new String[] {"--db-sync", "full"}).dbSync());
        assertTrue(BenchOptions.parse(new String[] {"--db-sync", "both"}).comparesDbSync());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--db-sync", "off"}));
    }

    @Test
    void theMillionJobsFigureTakesItsJobCount() {
        BenchOptions defaults = BenchOptions.parse(new String[] {"--only", "b14"});
        assertTrue(defaults.wants("b14") && !defaults.wants("b6"));
        assertEquals(1_000_000, defaults.scaleJobs());
        assertEquals(
                5_000, BenchOptions.parse(new String[] {"--scale-jobs", "5000"}).scaleJobs());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--scale-jobs", "9"}));
    }

    @Test
    void theSoakRunsOnlyWhenNamedAndTakesItsLengthAndRate() {
        assertFalse(BenchOptions.parse(new String[] {}).wants("b16"));
        BenchOptions defaults = BenchOptions.parse(new String[] {"--only", "b16"});
        assertTrue(defaults.wants("b16"));
        assertEquals(new BenchOptions.Soak(30, 500), defaults.soak());
        BenchOptions quick =
                BenchOptions.parse(new String[] {"--only", "b16", "--soak-minutes", "3", "--soak-rate", "50"});
        assertEquals(new BenchOptions.Soak(3, 50), quick.soak());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--soak-minutes", "0"}));
    }
}
