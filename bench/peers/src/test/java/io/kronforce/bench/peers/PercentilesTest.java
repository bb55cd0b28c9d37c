package io.kronforce.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    private static final long MS = 1_000_000;

    @Test
    void nearestRankOfOneToHundredMilliseconds() {
        Percentiles p = new Percentiles(
                LongStream.rangeClosed(1, 100).map(i -> (101 - i) * MS).toArray());
        assertEquals(50.0, p.ms(50));
        assertEquals(99.0, p.ms(99));
        assertEquals(100.0, p.ms(100));
        assertEquals(100.0, p.maxMs());
        assertEquals(100, p.count());
    }

    @Test
    void aP99OfFewSamplesIsTheirLargest() {
        Percentiles p = new Percentiles(new long[] {3 * MS, 1 * MS, 2 * MS});
        assertEquals(2.0, p.ms(50));
        assertEquals(3.0, p.ms(99));
    }

    @Test
    void refusesNoSamplesAndRanksOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(new long[0]));
        Percentiles p = new Percentiles(new long[] {MS});
        assertThrows(IllegalArgumentException.class, () -> p.ms(0));
        assertThrows(IllegalArgumentException.class, () -> p.ms(100.5));
    }

    @Test
    void spreadGivesMedianAndRangeOverReps() {
        Spread even = Spread.of(List.of(4.0, 1.0, 3.0, 2.0));
        assertEquals(new Spread(2.5, 1.0, 4.0, 4), even);
        assertEquals("2.50 (1–4)", even.format());
        assertEquals("1234", Spread.of(List.of(1234.4)).format());
        assertEquals("12.5", Spread.number(12.46));
    }
}
