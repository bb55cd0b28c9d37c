package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlatnessTest {

    private final Flatness twentyPercent = new Flatness(0.20, 8);

    @Test
    void aSeriesThatWobblesAroundOneLevelIsFlat() {
        List<Double> series = List.of(900.0, 300.0, 310.0, 305.0, 300.0, 320.0, 295.0, 310.0, 305.0);
        Flatness.Verdict v = twentyPercent.judge(series, 5);
        assertTrue(v.flat(), v::describe);
        assertEquals(300.0, v.first());
        assertEquals(305.0, v.last());
    }

    @Test
    void theMinutesBeforeTheFirstJudgedOneDoNotCount() {
        assertTrue(
                twentyPercent.judge(List.of(10.0, 50.0, 100.0, 100.0, 100.0), 3).flat());
        assertFalse(
                twentyPercent.judge(List.of(10.0, 50.0, 100.0, 100.0, 100.0), 1).flat());
    }

    @Test
    void anEndMoreThanTheToleranceAboveTheStartGrows() {
        Flatness.Verdict v = twentyPercent.judge(List.of(100.0, 100.0, 100.0, 100.0, 121.0), 1);
        assertFalse(v.flat(), v::describe);
        assertEquals(20.0, v.allowed(), 1e-9);
    }

    @Test
    void aSteadyClimbGrowsEvenWhenTheLastMinuteDipsBack() {
        // +10 a minute, then back to the start: the end condition holds; the fitted line climbs 29 > 20 % of 126.
        List<Double> series = List.of(100.0, 110.0, 120.0, 130.0, 140.0, 150.0, 160.0, 100.0);
        Flatness.Verdict v = twentyPercent.judge(series, 1);
        assertFalse(v.flat(), v::describe);
        assertTrue(v.slopePerMinute() > 0);
    }

    @Test
    void fallingIsNoGrowth() {
        assertTrue(twentyPercent.judge(List.of(400.0, 350.0, 300.0, 250.0), 1).flat());
    }

    @Test
    void theFloorKeepsSmallValuesFromFailingOnNoise() {
        // 1 → 2 MiB is +100 %, but under 20 % of the 8 MiB floor (1.6 MiB).
        assertTrue(twentyPercent.judge(List.of(1.0, 1.5, 2.0, 2.5), 1).flat());
        assertFalse(twentyPercent.judge(List.of(1.0, 1.5, 2.0, 3.0), 1).flat());
    }

    @Test
    void theSlopeIsTheLeastSquaresOne() {
        assertEquals(2.0, Flatness.slope(List.of(1.0, 3.0, 5.0, 7.0)), 1e-12);
        assertEquals(0.0, Flatness.slope(List.of(5.0, 5.0, 5.0)), 1e-12);
        assertEquals(-1.0, Flatness.slope(List.of(3.0, 2.0, 1.0)), 1e-12);
    }

    @Test
    void oneJudgedMinuteIsTooFewToJudge() {
        assertThrows(IllegalArgumentException.class, () -> twentyPercent.judge(List.of(1.0, 2.0, 3.0), 3));
    }
}
