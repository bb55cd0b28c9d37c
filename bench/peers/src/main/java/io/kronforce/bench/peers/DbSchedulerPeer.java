package io.kronforce.bench.peers;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * db-scheduler on SQLite (its SQLite dialect is picked from the driver's product name).
 * {@code default} is what SchedulerBuilder gives: 10 threads, 10 s polling, no immediate
 * execution; {@code tuned} runs on virtual threads (64 at a time), polls every 100 ms and
 * executes a job scheduled due now at once.
 */
final class DbSchedulerPeer implements PeerAdapter {

    private static final String ONE_SHOT = "one-shot";
    private static final int POOL = 10;

    private final OneTimeTask<Integer> oneShot =
            Tasks.oneTime(ONE_SHOT, Integer.class).execute((instance, context) -> Probe.oneShot(instance.getData()));
    private final boolean tuned;
    private final int threads;
    private final Duration polling;
    private HikariDataSource dataSource;
    private Scheduler scheduler;

    DbSchedulerPeer(String cfg) {
        this.tuned = cfg.equals("tuned");
        this.threads = tuned ? 64 : 10;
        this.polling = tuned ? Duration.ofMillis(100) : Duration.ofSeconds(10);
    }

    @Override
    public PeerIdentity identity() {
        return new PeerIdentity("db-scheduler", "sqlite", tuned ? "tuned" : "default");
    }

    @Override
    public String settings() {
        return "threads=" + threads + (tuned ? "(virtual)" : "") + ",poll=" + polling.toMillis() + "ms,immediate="
                + tuned + ",pool=" + POOL;
    }

    @Override
    public void start(RecurringPlan plan) throws Exception {
        dataSource = SqliteFiles.pool(SqliteFiles.fresh("db-scheduler"), POOL);
        DbSchedulerTable.create(dataSource);
        SchedulerBuilder builder = Scheduler.create(dataSource, List.of(oneShot))
                .startTasks(recurring(plan))
                .threads(threads)
                .pollingInterval(polling)
                .addSchedulerListener(new CompletionHook())
                .shutdownMaxWait(Duration.ofSeconds(2));
        if (tuned) {
            builder = builder.enableImmediateExecution().executorService(Executors.newVirtualThreadPerTaskExecutor());
        }
        scheduler = builder.build();
        // start() inserts the recurring tasks' rows, one statement each, before it returns.
        scheduler.start();
    }

    private static List<RecurringTask<Void>> recurring(RecurringPlan plan) {
        List<RecurringTask<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < plan.jobs(); i++) {
            int job = i;
            tasks.add(
                    plan.kind() == RecurringPlan.Kind.EVERY_SECOND
                            ? Tasks.recurring("r" + i, Schedules.cron("* * * * * *"))
                                    .execute((instance, context) -> Probe.cronFired(
                                            job,
                                            context.getExecution().executionTime.toEpochMilli()))
                            : Tasks.recurring("r" + i, Schedules.cron("0 0 3 1 1 *"))
                                    .execute((instance, context) -> Probe.neverDue()));
        }
        return tasks;
    }

    /** Runs after the completion handler, i.e. after the one-time row was deleted. */
    private static final class CompletionHook extends AbstractSchedulerListener {
        @Override
        public void onExecutionComplete(ExecutionComplete completion) {
            Probe.completionRecorded();
        }
    }

    @Override
    public void enqueueNow(int index) {
        scheduler.schedule(oneShot.instance("i" + index, index), Instant.now());
    }

    /** The hook's time, once the table agrees that no one-shot row is left. */
    @Override
    public long recordedAtNs(int count) throws Exception {
        long at = Probe.recordedAtNs(count);
        return at != 0 && DbSchedulerTable.remaining(dataSource, ONE_SHOT) == 0 ? at : 0;
    }

    @Override
    public long cronGraceMs() {
        return Math.min(polling.toMillis() + 3000, 15_000);
    }

    @Override
    public void close() {
        try {
            if (scheduler != null) {
                scheduler.stop();
            }
        } finally {
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }
}
