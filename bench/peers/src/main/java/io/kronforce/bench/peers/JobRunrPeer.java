package io.kronforce.bench.peers;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.scheduling.BackgroundJob;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.sqlite.SqLiteStorageProvider;

/**
 * JobRunr in memory or on SQLite. {@code default} is its own: a 15 s poll and, on JDK 21+,
 * cores × 16 virtual-thread workers. {@code tuned} polls as often as it accepts (200 ms in
 * memory; 5 s on SQL storage, which also refuses recurring jobs more frequent than every 5 s)
 * with 64 workers. New work starts only on a poll tick, whatever the workload.
 */
final class JobRunrPeer implements PeerAdapter {

    private static final int POOL = 10;
    private static final int TUNED_WORKERS = 64;

    private final boolean sqlite;
    private final boolean tuned;
    private final Duration poll;
    private HikariDataSource dataSource;

    JobRunrPeer(String store, String cfg) {
        this.sqlite = store.equals("sqlite");
        this.tuned = cfg.equals("tuned");
        Duration shortest = sqlite ? Duration.ofSeconds(5) : Duration.ofMillis(200);
        this.poll = tuned ? shortest : BackgroundJobServerConfiguration.DEFAULT_POLL_INTERVAL;
    }

    @Override
    public PeerIdentity identity() {
        return new PeerIdentity("jobrunr", sqlite ? "sqlite" : "mem", tuned ? "tuned" : "default");
    }

    @Override
    public String settings() {
        String workers = tuned ? Integer.toString(TUNED_WORKERS) : "its-default";
        return "workers=" + workers + "(virtual),poll=" + poll.toMillis() + "ms" + (sqlite ? ",pool=" + POOL : "");
    }

    @Override
    public void start(RecurringPlan plan) throws Exception {
        BackgroundJobServerConfiguration server =
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andPollInterval(poll);
        if (tuned) {
            server = server.andWorkerCount(TUNED_WORKERS);
        }
        JobRunr.configure()
                .useStorageProvider(storage())
                .withJobFilter(new JobRunrHooks())
                .useBackgroundJobServer(server)
                .initialize();
        for (int i = 0; i < plan.jobs(); i++) {
            register(plan.kind(), i);
        }
    }

    private StorageProvider storage() throws Exception {
        if (!sqlite) {
            return new InMemoryStorageProvider();
        }
        dataSource = SqliteFiles.pool(SqliteFiles.fresh("jobrunr"), POOL);
        return new SqLiteStorageProvider(dataSource);
    }

    private void register(RecurringPlan.Kind kind, int job) {
        if (kind == RecurringPlan.Kind.EVERY_SECOND) {
            String cron = cronPeriodSeconds() == 1 ? "* * * * * *" : "*/5 * * * * *";
            BackgroundJob.scheduleRecurrently("r" + job, cron, () -> JobRunrHooks.everySecond(job));
        } else {
            BackgroundJob.scheduleRecurrently("r" + job, "0 0 3 1 1 *", () -> Probe.neverDue());
        }
    }

    @Override
    public void enqueueNow(int index) {
        BackgroundJob.enqueue(() -> Probe.oneShot(index));
    }

    @Override
    public long recordedAtNs(int count) {
        return Probe.recordedAtNs(count);
    }

    @Override
    public int cronPeriodSeconds() {
        return sqlite ? 5 : 1;
    }

    @Override
    public long cronGraceMs() {
        return poll.toMillis() + 3000;
    }

    @Override
    public void close() {
        try {
            JobRunr.destroy();
        } finally {
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }
}
