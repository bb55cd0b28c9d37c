package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakLedgerTest {

    private static final long MINUTE = 60_000_000_000L;

    private final SoakLedger ledger = new SoakLedger(new Pacer(0, 500));

    @Test
    void matchesATriggerWithItsCompletionWhicheverArrivesFirst() {
        ledger.accepted("a", 1_000);
        ledger.finished("a", 6_000, true);
        ledger.finished("b", 9_000, true); // its 202 is still on the way
        ledger.accepted("b", 2_000);

        SoakLedger.Minute first = ledger.minute(0);
        assertArrayEquals(new long[] {5_000, 7_000}, first.sortedLatencyNanos());
        assertEquals(2, first.succeeded());
        assertEquals(List.of(), ledger.unfinished());
        assertEquals(0, ledger.strangers());
    }

    @Test
    void countsInTheMinuteTheCompletionArrivedIn() {
        ledger.accepted("late", MINUTE - 10);
        ledger.finished("late", MINUTE + 5, false);

        assertEquals(0, ledger.minute(0).failed());
        assertEquals(1, ledger.minute(1).failed());
        assertEquals(1, ledger.minute(1).errors());
        assertArrayEquals(new long[] {15}, ledger.minute(1).sortedLatencyNanos());
    }

    @Test
    void keepsWhatWasNeverMatched() {
        ledger.accepted("waiting", 0);
        ledger.finished("unknown", 10, true);

        assertEquals(List.of("waiting"), ledger.unfinished());
        assertEquals(1, ledger.strangers());
        assertEquals(0, ledger.total().succeeded());
    }

    @Test
    void countsRejectionsAndResyncsAndSumsEveryMinute() {
        ledger.rejected(10);
        ledger.resync(2 * MINUTE);
        ledger.accepted("x", 0);
        ledger.finished("x", 3 * MINUTE, true);

        assertEquals(1, ledger.minute(0).rejected());
        assertEquals(1, ledger.minute(2).resyncs());
        SoakLedger.Minute total = ledger.total();
        assertEquals(1, total.rejected());
        assertEquals(1, total.resyncs());
        assertEquals(1, total.succeeded());
        assertEquals(1, total.errors());
    }
}
