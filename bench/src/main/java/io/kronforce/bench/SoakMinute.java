package io.kronforce.bench;

/**
 * One minute of the soak (B16): the controller as sampled at the minute's end, and the runs whose
 * completion arrived within it.
 *
 * @param minute 1 for the first
 * @param rssMiB {@code VmRSS} of the controller
 * @param heapMiB heap in use right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}); NaN when unknown
 * @param walMiB size of the {@code -wal} file
 * @param dbMiB size of the database file
 * @param stored executions the controller holds ({@code total} of {@code GET /api/executions})
 * @param openFiles the controller's file descriptors, mostly the driver's keep-alive connections
 *     (each holds buffers and a parked virtual thread: the heap follows their number)
 * @param cpuPct the controller's CPU over the minute, in % of one core
 * @param p50Ms trigger due time → completion notice, median of the minute (NaN when none)
 * @param p99Ms the same, 99th percentile (nearest rank)
 * @param recorded runs recorded finished in the minute (succeeded and failed)
 * @param errors rejected triggers and failed runs in the minute
 * @param resyncs times the change stream dropped notices in the minute
 * @param load1 the machine's 1-minute load average at the sample
 */
record SoakMinute(
        int minute,
        double rssMiB,
        double heapMiB,
        double walMiB,
        double dbMiB,
        long stored,
        long openFiles,
        double cpuPct,
        double p50Ms,
        double p99Ms,
        long recorded,
        long errors,
        long resyncs,
        String load1) {

    /** Minute {@code minute} from the sample at its end and the runs the ledger saw finish within it. */
    static SoakMinute of(int minute, SoakSampler.Sample s, SoakLedger.Minute seen) {
        long[] lat = seen.sortedLatencyNanos();
        return new SoakMinute(
                minute,
                s.rssMiB(),
                s.heapMiB(),
                s.walMiB(),
                s.dbMiB(),
                s.stored(),
                s.openFiles(),
                s.cpuPct(),
                lat.length == 0 ? Double.NaN : Stats.percentile(lat, 50) / 1e6,
                lat.length == 0 ? Double.NaN : Stats.percentile(lat, 99) / 1e6,
                seen.succeeded() + seen.failed(),
                seen.errors(),
                seen.resyncs(),
                s.load1());
    }
}
