package io.kronforce.bench.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CronLedgerTest {

    /** Second 1000 of the epoch, as the window's first second. */
    private static final long T = 1000;

    private static long ms(long second, long offsetMs) {
        return second * 1000 + offsetMs;
    }

    private static long us(long second, long offsetMs) {
        return ms(second, offsetMs) * 1000;
    }

    @Test
    void countsFiredMissedSkippedAndDuplicatePairs() {
        CronLedger ledger = new CronLedger(100);
        // job 0 fires every second of a 3 s window, second T twice
        ledger.record(0, ms(T, 0), us(T, 5));
        ledger.record(0, ms(T, 0), us(T, 7));
        ledger.record(0, ms(T + 1, 0), us(T + 1, 5));
        ledger.record(0, ms(T + 2, 0), us(T + 2, 5));
        // job 1 passes over T + 1 (skipped) and never fires T + 2 (only missed)
        ledger.record(1, ms(T, 0), us(T, 10));
        // a fire outside the window does not count
        ledger.record(1, ms(T + 3, 0), us(T + 3, 1));

        CronLedger.Tally tally = ledger.tally(new CronLedger.Window(T, 3, 1, 2));

        assertEquals(6, tally.expected());
        assertEquals(4, tally.fired());
        assertEquals(2, tally.missed());
        assertEquals(0, tally.skipped());
        assertEquals(1, tally.duplicates());
        assertEquals(5, tally.latenessNs().length);
        assertEquals(6, tally.allFires());
        assertEquals(T + 3, tally.lastSlotSecond());
    }

    @Test
    void aMissedSecondBeforeALaterFireOfTheSameJobIsSkipped() {
        CronLedger ledger = new CronLedger(10);
        ledger.record(0, ms(T, 0), us(T, 1));
        ledger.record(0, ms(T + 2, 0), us(T + 2, 1));

        CronLedger.Tally tally = ledger.tally(new CronLedger.Window(T, 3, 1, 1));

        assertEquals(1, tally.missed());
        assertEquals(1, tally.skipped());
    }

    @Test
    void latenessIsAgainstTheWholeCronSecondAndOffGridTimesAreCounted() {
        CronLedger ledger = new CronLedger(10);
        // planned 80 ms into the second (a drifted plan), started 20 ms after that plan
        ledger.record(0, ms(T, 80), us(T, 100));
        // started 3 ms before its second: early
        ledger.record(1, ms(T, 0), us(T - 1, 997));

        CronLedger.Tally tally = ledger.tally(new CronLedger.Window(T, 1, 1, 2));

        assertEquals(1, tally.offGrid());
        assertEquals(1, tally.early());
        assertArrayEquals(new long[] {100_000_000L, -3_000_000L}, tally.latenessNs());
    }

    @Test
    void aFiveSecondPeriodExpectsOnlyItsSeconds() {
        CronLedger.Window window = new CronLedger.Window(1000, 20, 5, 10);
        assertEquals(40, window.expected());
        assertEquals(true, window.holds(1005));
        assertEquals(false, window.holds(1006));
        assertEquals(false, window.holds(1020));
    }
}
