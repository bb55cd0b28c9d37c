package io.kronforce.bench;

/**
 * One minute of the soak (B16): the controller as sampled at the minute's end, and the runs whose
 * completion arrived within it.
 *
 * @param minute 1 for the first
 * @param sample the controller at the minute's end ({@link SoakSampler.Sample})
 * @param p50Ms trigger due time → completion notice, median of the minute (NaN when none)
 * @param p99Ms the same, 99th percentile (nearest rank)
 * @param recorded runs recorded finished in the minute (succeeded and failed)
 * @param errors rejected triggers and failed runs in the minute
 * @param resyncs times the change stream dropped notices in the minute
 */
record SoakMinute(
        int minute, SoakSampler.Sample sample, double p50Ms, double p99Ms, long recorded, long errors, long resyncs) {

    /** Minute {@code minute} from the sample at its end and the runs the ledger saw finish within it. */
    static SoakMinute of(int minute, SoakSampler.Sample sample, SoakLedger.Minute seen) {
        long[] lat = seen.sortedLatencyNanos();
        return new SoakMinute(
                minute,
                sample,
                lat.length == 0 ? Double.NaN : Stats.percentile(lat, 50) / 1e6,
                lat.length == 0 ? Double.NaN : Stats.percentile(lat, 99) / 1e6,
                seen.succeeded() + seen.failed(),
                seen.errors(),
                seen.resyncs());
    }
}
