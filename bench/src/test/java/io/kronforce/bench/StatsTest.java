package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    private static final long[] ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).toArray();

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        assertEquals(1, Stats.percentile(ONE_TO_HUNDRED, 0));
        assertEquals(1, Stats.percentile(ONE_TO_HUNDRED, 1));
        assertEquals(50, Stats.percentile(ONE_TO_HUNDRED, 50));
        assertEquals(99, Stats.percentile(ONE_TO_HUNDRED, 99));
        assertEquals(100, Stats.percentile(ONE_TO_HUNDRED, 99.5));
        assertEquals(100, Stats.percentile(ONE_TO_HUNDRED, 100));
    }

    @Test
    void percentileIsAlwaysAnObservedSample() {
        long[] sorted = {10, 20, 30};
        assertEquals(20, Stats.percentile(sorted, 50));
        assertEquals(30, Stats.percentile(sorted, 99));
        assertEquals(10, Stats.percentile(new long[] {10}, 99));
    }

    @Test
    void percentileRejectsNoSamplesAndBadRanks() {
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(ONE_TO_HUNDRED, 101));
    }

    @Test
    void summaryOfUnsortedRepsIncludingEvenCount() {
        assertEquals(new Stats.Summary(1, 2, 5), Stats.summary(List.of(5.0, 1.0, 2.0)));
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertThrows(IllegalArgumentException.class, () -> Stats.summary(List.of()));
    }

    @Test
    void sortedUnionMergesClientSamples() {
        LongSamples a = new LongSamples();
        LongSamples b = new LongSamples();
        for (int i = 0; i < 3000; i++) {
            (i % 2 == 0 ? a : b).add(3000 - i);
        }
        long[] all = LongSamples.sortedUnion(List.of(a, b));
        assertEquals(3000, all.length);
        assertEquals(1, all[0]);
        assertEquals(3000, all[2999]);
    }
}
