package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakReportTest {

    private static SoakSampler.Sample sample(double rssMiB, long stored) {
        return new SoakSampler.Sample(rssMiB, 40, 4, 30, stored, 200, 80, "1.0");
    }

    private static List<SoakMinute> minutes(int n, double rssGrowthPerMinute) {
        List<SoakMinute> list = new ArrayList<>();
        for (int m = 1; m <= n; m++) {
            list.add(new SoakMinute(m, sample(300 + rssGrowthPerMinute * m, 60_000), 3, 25, 30_000, 0, 0));
        }
        return list;
    }

    @Test
    void aSteadyControllerPassesFromMinuteFive() {
        List<SoakMinute> run = minutes(30, 0);
        List<SoakReport.Judged> judged = SoakReport.judge(run);
        assertEquals(SoakReport.Series.values().length, judged.size());
        assertTrue(SoakReport.passes(judged, true, 0));
        assertFalse(SoakReport.passes(judged, true, 1));
        assertFalse(SoakReport.passes(judged, false, 0));
        assertTrue(SoakReport.verdict(run, judged, 105_000, 0).contains("from minute 5 to minute 30"));
        assertTrue(SoakReport.verdict(run, judged, 105_000, 0).contains("Verdict: flat"));
        assertTrue(SoakReport.verdict(run, judged, 50_000, 0).contains("retention keeps up: NO"));
    }

    @Test
    void aLeakFailsTheRssSeriesAlone() {
        List<SoakReport.Judged> judged = SoakReport.judge(minutes(30, 5));
        assertFalse(SoakReport.passes(judged, true, 0));
        judged.forEach(j ->
                assertEquals(j.series() != SoakReport.Series.RSS, j.verdict().flat(), j.series().label));
    }

    @Test
    void aShortTrialRunIsJudgedFromItsFirstMinute() {
        assertEquals(1, SoakReport.judgedFrom(3));
        assertEquals(1, SoakReport.judgedFrom(6));
        assertEquals(5, SoakReport.judgedFrom(7));
        assertTrue(SoakReport.judge(minutes(1, 0)).isEmpty());
    }

    @Test
    void theTableHasARowPerMinute() {
        String table = SoakReport.table(minutes(3, 0));
        assertEquals(2 + 3, table.lines().count());
        assertTrue(table.lines().skip(2).allMatch(l -> l.startsWith("| ")), table);
    }

    @Test
    void theMostStoredCountsOnlyTheJudgedMinutes() {
        List<SoakMinute> run = new ArrayList<>(minutes(10, 0));
        run.set(1, new SoakMinute(2, sample(300, 999_999), 3, 25, 30_000, 0, 0));
        assertEquals(60_000, SoakReport.mostStored(run));
    }
}
