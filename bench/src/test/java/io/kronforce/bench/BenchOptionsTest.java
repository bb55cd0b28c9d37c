package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        BenchOptions o = BenchOptions.parse(new String[] {"--fire-jobs", "50", "--fire-window-s", "20",
                "--many-jobs", "500"});
        assertEquals(50, o.fireJobs());
        assertEquals(Duration.ofSeconds(20), o.fireWindow());
        assertEquals(500, o.manyJobs());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--fire-window-s", "5"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--only", "b8"}));
        assertTrue(BenchOptions.parse(new String[] {"--only", "b7"}).wants("b7"));
    }
}
