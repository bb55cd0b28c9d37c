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
}
