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
                row("a", T, T + 4), row("a", T + 1000, T + 1002), row("b", T, T + 7), row("b", T + 1000, T + 1001));
        FireLateness.Verdict v = FireLateness.judge(rows, Set.of("a", "b"), T, T + 2000);
        assertEquals(4, v.expected());
        assertEquals(0, v.missed());
        assertEquals(0, v.duplicates());
        assertArrayEquals(new long[] {1, 2, 4, 7}, v.latenessMs());
    }

    @Test
    void aSlotWithoutARowIsMissedAndASecondRowIsADuplicate() {
        List<FireLateness.Row> rows = List.of(row("a", T, T + 1), row("a", T, T + 3), row("b", T + 1000, T + 1001));
        FireLateness.Verdict v = FireLateness.judge(rows, Set.of("a", "b"), T, T + 2000);
        assertEquals(2, v.missed()); // a@T+1000, b@T
        assertEquals(1, v.duplicates());
    }

    @Test
    void rowsOutsideTheCountedSlotsOrJobsAreIgnoredAndUnstartedOnesCounted() {
        List<FireLateness.Row> rows = List.of(
                row("a", T - 1000, T),
                row("a", T + 2000, T + 2000),
                row("other", T, T + 900),
                new FireLateness.Row("a", T, null, "pending"));
        FireLateness.Verdict v = FireLateness.judge(rows, Set.of("a"), T, T + 1000);
        assertEquals(1, v.expected());
        assertEquals(0, v.missed());
        assertEquals(1, v.unstarted());
        assertEquals(0, v.latenessMs().length);
    }

    @Test
    void aSkippedSlotHasARowButDidNotStartAndAPendingOneNeitherForTheNotStartedCount() {
        List<FireLateness.Row> rows = List.of(
                row("a", T, T + 2),
                new FireLateness.Row("a", T + 1000, null, FireLateness.SKIPPED),
                new FireLateness.Row("b", T, null, "pending"),
                new FireLateness.Row("b", T + 1000, null, FireLateness.SKIPPED),
                row("b", T + 1000, T + 1003));
        FireLateness.Verdict v = FireLateness.judge(rows, Set.of("a", "b", "c"), T, T + 2000);
        assertEquals(6, v.expected());
        assertEquals(2, v.missed()); // c has no row at all
        assertEquals(1, v.skipped()); // a@T+1000; b@T+1000 also started, so it is a duplicate, not a skip
        assertEquals(4, v.neverStarted()); // c twice, a@T+1000 skipped, b@T pending
        assertEquals(1, v.duplicates());
        assertEquals(1, v.unstarted());
        assertArrayEquals(new long[] {2, 3}, v.latenessMs());
    }

    @Test
    void slotsMustBeWholeSeconds() {
        assertThrows(IllegalArgumentException.class, () -> FireLateness.judge(List.of(), Set.of(), T + 1, T + 1000));
        assertThrows(IllegalArgumentException.class, () -> FireLateness.judge(List.of(), Set.of(), T, T));
    }

    private static FireLateness.Row row(String job, long slot, long started) {
        return new FireLateness.Row(job, slot, started, "succeeded");
    }
}
