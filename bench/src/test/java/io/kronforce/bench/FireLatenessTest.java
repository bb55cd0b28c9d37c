package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FireLatenessTest {

    private static final long T = 1_700_000_000_000L; // a whole second

    @Test
    void everySlotOnceGivesNoMissedNoDuplicatesAndTheLateness() {
        List<FireLateness.Row> rows = List.of(
                ran("a", T, T + 4), ran("a", T + 1000, T + 1002), ran("b", T, T + 7), ran("b", T + 1000, T + 1001));
        FireLateness.Verdict v = FireLateness.judge(rows, Set.of("a", "b"), T, T + 2000);
        assertEquals(4, v.expected());
        assertEquals(0, v.missed());
        assertEquals(0, v.duplicates());
        assertArrayEquals(new long[] {1, 2, 4, 7}, v.latenessMs());
    }

    @Test
    void aSlotWithoutARowIsMissedAndASecondRowIsADuplicate() {
        List<FireLateness.Row> rows = List.of(ran("a", T, T + 1), ran("a", T, T + 3), ran("b", T + 1000, T + 1001));
        FireLateness.Verdict v = FireLateness.judge(rows, Set.of("a", "b"), T, T + 2000);
        assertEquals(2, v.missed()); // a@T+1000, b@T
        assertEquals(2, v.withoutRow());
        assertEquals(1, v.duplicates());
    }

    @Test
    void aSlotTheSchedulerSkippedIsMissedAndCountedAsSkipped() {
        List<FireLateness.Row> rows = List.of(
                ran("a", T, T + 2),
                skipped("a", T + 1000),
                skipped("a", T + 2000),
                skipped("b", T),
                ran("b", T + 1000, T + 1003));
        FireLateness.Verdict v = FireLateness.judge(rows, Set.of("a", "b"), T, T + 3000);
        assertEquals(6, v.expected());
        assertEquals(4, v.missed()); // three skipped, b@T+2000 without a row
        assertEquals(3, v.skipped());
        assertEquals(1, v.withoutRow());
        assertEquals(0, v.unstarted());
        assertEquals(0, v.duplicates());
        assertArrayEquals(new long[] {2, 3}, v.latenessMs(), "a skipped slot has no lateness");
    }

    @Test
    void aSkippedRowIsNeverCountedAsStartedEvenWithAStartTime() {
        List<FireLateness.Row> rows = List.of(new FireLateness.Row("a", T, FireLateness.SKIPPED, T + 5));
        FireLateness.Verdict v = FireLateness.judge(rows, Set.of("a"), T, T + 1000);
        assertEquals(1, v.missed());
        assertEquals(1, v.skipped());
        assertEquals(0, v.latenessMs().length);
    }

    @Test
    void aSlotStillPendingAtTheStopIsMissedAsUnstarted() {
        List<FireLateness.Row> rows = List.of(
                ran("a", T - 1000, T),
                ran("a", T + 2000, T + 2000),
                ran("other", T, T + 900),
                new FireLateness.Row("a", T, "pending", null));
        FireLateness.Verdict v = FireLateness.judge(rows, Set.of("a"), T, T + 1000);
        assertEquals(1, v.expected());
        assertEquals(1, v.missed());
        assertEquals(1, v.unstarted());
        assertEquals(0, v.withoutRow());
        assertEquals(0, v.skipped());
        assertEquals(0, v.latenessMs().length);
    }

    @Test
    void theReasonsAddUpToTheMissedCount() {
        List<FireLateness.Row> rows =
                List.of(skipped("a", T), new FireLateness.Row("a", T + 1000, "queued", null), ran("b", T, T + 1));
        FireLateness.Verdict v = FireLateness.judge(rows, Set.of("a", "b"), T, T + 2000);
        assertEquals(3, v.missed());
        assertEquals(v.missed(), v.withoutRow() + v.skipped() + v.unstarted());
    }

    @Test
    void slotsMustBeWholeSeconds() {
        assertThrows(IllegalArgumentException.class, () -> FireLateness.judge(List.of(), Set.of(), T + 1, T + 1000));
        assertThrows(IllegalArgumentException.class, () -> FireLateness.judge(List.of(), Set.of(), T, T));
    }

    private static FireLateness.Row ran(String job, long slot, long started) {
        return new FireLateness.Row(job, slot, "succeeded", started);
    }

    private static FireLateness.Row skipped(String job, long slot) {
        return new FireLateness.Row(job, slot, FireLateness.SKIPPED, null);
    }
}
