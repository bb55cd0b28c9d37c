package io.kronforce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Samples the controller at the end of every soak minute: RSS and CPU from {@code /proc}, the heap
 * after a full GC through {@code jcmd} (the GC's pause falls into the next minute's latencies), the
 * sizes of the database and WAL files, and the executions it holds. Runs on its own thread.
 */
final class SoakSampler implements Runnable {

    /**
     * What the controller looked like at one minute's end.
     *
     * @param rssMiB {@code VmRSS}
     * @param heapMiB heap in use right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}); NaN when unknown
     * @param walMiB size of the {@code -wal} file
     * @param dbMiB size of the database file
     * @param stored executions the controller holds ({@code total} of {@code GET /api/executions})
     * @param openFiles its file descriptors, mostly the driver's keep-alive connections (each holds
     *     buffers and a parked virtual thread: the heap follows their number)
     * @param cpuPct its CPU over the minute, in % of one core
     * @param load1 the machine's 1-minute load average
     */
    record Sample(
            double rssMiB,
            double heapMiB,
            double walMiB,
            double dbMiB,
            long stored,
            long openFiles,
            double cpuPct,
            String load1) {}

    private static final double MIB = 1024.0 * 1024.0;
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final Controller controller;
    private final Pacer pacer;
    private final SoakLedger ledger;
    private final int minutes;
    private final List<Sample> samples = new ArrayList<>();
    private volatile Exception failure;

    SoakSampler(Controller controller, Pacer pacer, SoakLedger ledger, int minutes) {
        this.controller = controller;
        this.pacer = pacer;
        this.ledger = ledger;
        this.minutes = minutes;
    }

    @Override
    public void run() {
        try {
            long cpuBefore = controller.process().cpuMillis();
            for (int m = 1; m <= minutes; m++) {
                long at = pacer.startNanos() + m * MINUTE_NANOS;
                for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long cpu = controller.process().cpuMillis();
                Sample s = sample((cpu - cpuBefore) / 600.0);
                cpuBefore = cpu;
                synchronized (samples) {
                    samples.add(s);
                }
                progress(m, s);
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The samples taken; throws what stopped the sampling, if anything did. */
    List<Sample> samples() throws IOException {
        if (failure != null) {
            throw new IOException("B16: sampling failed", failure);
        }
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private Sample sample(double cpuPct) throws IOException, InterruptedException {
        String load1 = BenchContext.loadAverage();
        double rss = controller.process().rssMiB();
        Path db = controller.dbFile();
        double wal = sizeMiB(db.resolveSibling(db.getFileName() + "-wal"));
        double dbSize = sizeMiB(db);
        long stored = stored();
        OptionalDouble heap = HeapInfo.afterGcMiB(controller.process().pid());
        return new Sample(rss, heap.orElse(Double.NaN), wal, dbSize, stored, openFiles(), cpuPct, load1);
    }

    private long stored() throws IOException, InterruptedException {
        HttpApi.Response response = controller.api().get("/api/executions?per_page=1");
        if (response.status() != 200) {
            throw new IOException("GET /api/executions -> " + response.status());
        }
        return JsonFields.getLong(response.body(), "total");
    }

    private long openFiles() throws IOException {
        try (var fds =
                Files.list(Path.of("/proc", Long.toString(controller.process().pid()), "fd"))) {
            return fds.count();
        }
    }

    private static double sizeMiB(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) / MIB : 0;
    }

    /** A line per minute while the soak runs (the table comes at the end, with late completions counted). */
    private void progress(int m, Sample s) {
        System.err.print("B16 " + SoakReport.row(SoakMinute.of(m, s, ledger.minute(m - 1))));
    }
}
