package io.kronforce.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummarizeTest {

    private static final List<String> RAW = List.of(
            "RESULT wl=w1 who=db-scheduler store=sqlite cfg=default n=10000 execPerSec=700 load1=1.00",
            "RESULT wl=w1 who=db-scheduler store=sqlite cfg=tuned n=10000 execPerSec=1400 load1=1.00",
            "RESULT wl=w1 who=db-scheduler store=sqlite cfg=tuned n=10000 execPerSec=1600 load1=2.00",
            "RESULT wl=w1 who=db-scheduler store=sqlite cfg=tuned n=10000 execPerSec=1500 load1=3.00",
            "RESULT wl=w1 who=kronforce store=sqlite cfg=default n=10000 execPerSec=4500 load1=1.50",
            "RESULT wl=w2 who=db-scheduler store=sqlite cfg=tuned n=200 finishP50Ms=3 finishP99Ms=10 load1=1",
            "RESULT wl=w2 who=kronforce store=sqlite cfg=default n=200 finishP50Ms=1.5 finishP99Ms=4 load1=1",
            "# FAILED rc=124: w1 quartz sqlite default",
            "# FAILED rc=1: our side",
            "some log line that is neither");

    @Test
    void groupsRepsByWorkloadPeerStoreAndConfig() {
        RunSet runs = RunSet.of(RAW);
        List<RunGroup> w1 = runs.workload("w1");
        assertEquals(4, w1.size());
        assertTrue(w1.getFirst().key().ours(), "ours comes first");
        RunGroup tuned = runs.configs("w1", "db-scheduler/sqlite").get(1);
        assertEquals(3, tuned.runs());
        assertEquals(new Spread(1500, 1400, 1600, 3), tuned.spread("execPerSec").orElseThrow());
    }

    @Test
    void theReferenceIsDbSchedulersBestConfigForEachWorkload() {
        RunSet runs = RunSet.of(RAW);
        RunGroup reference =
                runs.reference(WorkloadColumns.of("w1").orElseThrow()).orElseThrow();
        assertEquals("tuned", reference.key().cfg());
        RunGroup ours = runs.workload("w1").getFirst();
        assertEquals("3.00×", Ratio.format(ours, Optional.of(reference), "execPerSec"));
        RunGroup oursW2 = runs.workload("w2").getFirst();
        RunGroup refW2 = runs.reference(WorkloadColumns.of("w2").orElseThrow()).orElseThrow();
        assertEquals("0.40×", Ratio.format(oursW2, Optional.of(refW2), "finishP99Ms"));
    }

    @Test
    void lowerIsBetterWhenRankingLatenciesAndMissedFires() {
        RunSet runs = RunSet.of(List.of(
                "RESULT wl=w3 who=quartz store=ram cfg=default missed=0 latP99Ms=120 load1=1",
                "RESULT wl=w3 who=quartz store=ram cfg=tuned missed=0 latP99Ms=110 load1=1",
                "RESULT wl=w3 who=quartz store=ram cfg=fast missed=5 latP99Ms=10 load1=1"));
        WorkloadColumns w3 = WorkloadColumns.of("w3").orElseThrow();
        assertEquals(
                "tuned",
                w3.best(runs.configs("w3", "quartz/ram")).orElseThrow().key().cfg());
    }

    @Test
    void aFailedConfigShowsAsARowAndAnUnplacedFailureAsANote() {
        String summary = Summarize.summary(RunSet.of(RAW));
        assertTrue(summary.contains("| Quartz | sqlite | default | 0 |"), summary);
        assertTrue(summary.contains("FAILED ×1: timed out (rc 124)"), summary);
        assertTrue(summary.contains("* our side: failed (rc 1)"), summary);
        assertTrue(summary.contains("| Kronforce (ours) | sqlite | 4500 (default) | 3.00× |"), summary);
    }

    @Test
    void ourRowIsMarkedMissingWhenOurSidePrintedNothing() {
        String summary = Summarize.summary(RunSet.of(RAW.subList(0, 4)));
        assertTrue(summary.contains("| Kronforce (ours) | missing"), summary);
        assertFalse(RunSet.of(RAW.subList(0, 4)).hasOurs());
    }

    @Test
    void parsesResultAndFailedLines() {
        RawRecord record = RawRecord.parse("RESULT wl=w4 who=jvm store=mem cfg=idle rssMB=44.5 settings=a,b load1=0.5")
                .orElseThrow();
        assertEquals(new RunKey("w4", "jvm", "mem", "idle"), record.key());
        assertEquals(Optional.of(44.5), record.number("rssMB"));
        assertEquals(Optional.empty(), record.number("settings"));
        assertTrue(RawRecord.parse("RESULT figure=\"B1\" value=3").isEmpty(), "bench/run.sh's other lines");
        FailedRun failed =
                FailedRun.parse("# FAILED rc=3: w3 jobrunr mem tuned").orElseThrow();
        assertEquals(Optional.of(new RunKey("w3", "jobrunr", "mem", "tuned")), failed.key());
        assertEquals("hit its hard limit (rc 3)", failed.reason());
    }

    @Test
    void aResultLineEndsWithTheLoadAverageAndRefusesSpaces() {
        String line = new ResultLine("w1", new PeerIdentity("quartz", "ram", "default"), 1.234)
                .put("n", 10)
                .put("execPerSec", 1.5)
                .toString();
        assertEquals("RESULT wl=w1 who=quartz store=ram cfg=default n=10 execPerSec=1.500 load1=1.23", line);
        ResultLine another = new ResultLine("w1", new PeerIdentity("a", "b", "c"), 0);
        assertThrows(IllegalArgumentException.class, () -> another.put("settings", "two words"));
    }
}
