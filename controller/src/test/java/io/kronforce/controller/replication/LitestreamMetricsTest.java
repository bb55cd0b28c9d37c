package io.kronforce.controller.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reading Litestream 0.3.13's own metrics and log lines (samples copied from the real binary). */
class LitestreamMetricsTest {
    private static final String CAUGHT_UP = """
            # HELP litestream_replica_wal_index The current WAL index
            litestream_replica_wal_index{db="/d/kronforce.db",name="s3"} 0
            litestream_replica_wal_offset{db="/d/kronforce.db",name="s3"} 24752
            litestream_shadow_wal_index{db="/d/kronforce.db"} 0
            litestream_shadow_wal_size{db="/d/kronforce.db"} 24752
            litestream_sync_error_count{db="/d/kronforce.db"} 0
            litestream_total_wal_bytes{db="/d/kronforce.db"} 8240
            """;

    @Test
    void nothingIsPendingWhenTheReplicaHasTheShadowWalsEnd() {
        assertEquals(new LitestreamMetrics.Sample(0, 0), LitestreamMetrics.parse(CAUGHT_UP));
    }

    @Test
    void pendingBytesAreTheShadowWalBeyondTheReplicasOffset() {
        String behind = CAUGHT_UP.replace(
                "litestream_shadow_wal_size{db=\"/d/kronforce.db\"} 24752",
                "litestream_shadow_wal_size{db=\"/d/kronforce.db\"} 30000");
        assertEquals(30000 - 24752, LitestreamMetrics.parse(behind).pendingBytes());
        String nextIndex = CAUGHT_UP.replace(
                "litestream_shadow_wal_index{db=\"/d/kronforce.db\"} 0",
                "litestream_shadow_wal_index{db=\"/d/kronforce.db\"} 1");
        assertEquals(24752, LitestreamMetrics.parse(nextIndex).pendingBytes());
    }

    @Test
    void everythingIsPendingBeforeTheFirstUpload() {
        String none = """
                litestream_shadow_wal_index{db="/d/kronforce.db"} 0
                litestream_shadow_wal_size{db="/d/kronforce.db"} 16512
                litestream_sync_error_count{db="/d/kronforce.db"} 3
                """;
        assertEquals(new LitestreamMetrics.Sample(16512, 3), LitestreamMetrics.parse(none));
    }

    @Test
    void logLinesTellUploadsAndErrors() {
        LitestreamLine upload = LitestreamLine.parse("time=2026-12-07T13:23:33.981Z level=INFO msg=\"wal segment "
                + "written\" db=/d/kronforce.db replica=s3 position=a6d2/00000000:0 elapsed=19ms sz=24752");
        assertTrue(upload.upload());
        assertFalse(upload.error());
        LitestreamLine error = LitestreamLine.parse("time=2026-12-07T13:23:13.942Z level=ERROR msg=\"monitor error\""
                + " db=/d/kronforce.db replica=s3 error=\"NoSuchBucket: The specified bucket does not exist\"");
        assertTrue(error.error());
        assertEquals("monitor error", error.message());
        assertTrue(LitestreamLine.parse("time=x level=INFO msg=\"snapshot written\" db=/d")
                .upload());
        assertEquals(
                "litestream",
                LitestreamLine.parse("time=x level=INFO msg=litestream version=v0.3.13")
                        .message());
    }
}
