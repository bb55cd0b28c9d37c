package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultsTest {

    @Test
    void aSkippedFigureIsOneRowWithItsReasonAndNoNumber() {
        Results results = new Results();
        results.add("B7 sql p50", "ms", "bare client", 1, 2.0, 1.0);
        results.skip("B7 docker_build p50", "no engine | here");
        results.skip("B7 docker_build p50", "noted once per run, not once per rep");

        String[] rows = results.table().split("\n");
        assertEquals(4, rows.length, results.table());
        assertTrue(rows[2].startsWith("| B7 sql p50 | ms | 2.00 / 2.00 / 2.00 |"), rows[2]);
        assertEquals("| B7 docker_build p50 | — | skipped: no engine / here | — | — | — |", rows[3]);
    }

    @Test
    void aFailedRepIsCountedBesideTheFiguresOfTheRepsThatWereMeasured() {
        Results results = new Results();
        results.add("B7 sql p50", "ms", "bare client", 1, 2.0, 1.0);
        results.failRep("B7 sql p50", 2, "java.io.IOException: reset | by peer\n  at somewhere");
        results.add("B7 sql p50", "ms", "bare client", 3, 4.0, 2.0);

        String row = results.table().split("\n")[2];
        assertTrue(
                row.startsWith(
                        "| B7 sql p50 | ms | 2.00 / 3.00 / 4.00; 1 rep failed: java.io.IOException: reset / by peer"
                                + " at somewhere (rep 2) |"),
                row);
    }

    @Test
    void aFigureNoRepMeasuredIsOneRowSayingWhy() {
        Results results = new Results();
        results.skipRep("B7 redis p50", 1, "Redis on 127.0.0.1:6379 not reachable");
        results.skipRep("B7 redis p50", 2, "Redis on 127.0.0.1:6379 not reachable");
        results.failRep("B7 kafka p50", 1, "set-up: broker did not start");

        String[] rows = results.table().split("\n");
        assertEquals(4, rows.length, results.table());
        assertEquals(
                "| B7 redis p50 | — | skipped: Redis on 127.0.0.1:6379 not reachable (reps 1, 2) | — | — | — |",
                rows[2]);
        assertEquals("| B7 kafka p50 | — | failed: set-up: broker did not start (rep 1) | — | — | — |", rows[3]);
    }

    @Test
    void aCrossCheckThatDisagreedIsFlaggedEvenWhereTheRatioRoundsToOne() {
        Results results = new Results();
        results.add("B4 target hits", "requests", "recorded", 1, 4_999, 5_000);
        results.mismatch("B4 target hits", 1, "target received 4999, controller recorded 5000");

        String row = results.table().split("\n")[2];
        assertTrue(row.contains("1.00×"), row);
        assertTrue(row.contains("mismatch in 1 rep: target received 4999, controller recorded 5000 (rep 1)"), row);
    }
}
