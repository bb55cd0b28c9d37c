package io.kronforce.bench.peers;

import static org.quartz.CronScheduleBuilder.cronSchedule;
import static org.quartz.JobBuilder.newJob;
import static org.quartz.TriggerBuilder.newTrigger;

import java.nio.file.Path;
import java.util.Properties;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Quartz with its RAMJobStore, or JobStoreTX on SQLite through HSQLDBDelegate: the standard
 * delegate reads job data with {@code ResultSet.getBlob}, which sqlite-jdbc does not implement,
 * so with it no trigger is ever acquired; HSQLDBDelegate reads the same column as a stream.
 *
 * <p>{@code default} is the jar's own quartz.properties (10 threads) with one trigger acquired
 * at a time; {@code tuned} has 64 threads acquiring 64 triggers at a time and a pool to match.
 * Quartz is event driven either way: a new trigger wakes its scheduler thread.
 */
final class QuartzPeer implements PeerAdapter {

    private static final String ONE_SHOTS = "one-shot";

    private final boolean sqlite;
    private final boolean tuned;
    private final int threads;
    private final int batch;
    private final int connections;
    private Scheduler scheduler;

    QuartzPeer(String store, String cfg) {
        this.sqlite = store.equals("sqlite");
        this.tuned = cfg.equals("tuned");
        this.threads = tuned ? 64 : 10;
        this.batch = tuned ? threads : 1;
        this.connections = tuned ? threads + 3 : 10;
    }

    @Override
    public PeerIdentity identity() {
        return new PeerIdentity("quartz", sqlite ? "sqlite" : "ram", tuned ? "tuned" : "default");
    }

    @Override
    public String settings() {
        String base = "threads=" + threads + ",batchAcquire=" + batch;
        return sqlite ? base + ",JobStoreTX,HSQLDBDelegate,pool=" + connections : base + ",RAMJobStore";
    }

    @Override
    public void start(RecurringPlan plan) throws Exception {
        scheduler = new StdSchedulerFactory(properties()).getScheduler();
        scheduler.start();
        for (int i = 0; i < plan.jobs(); i++) {
            register(plan.kind(), i);
        }
    }

    private Properties properties() throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "peers-bench");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(batch));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        if (!sqlite) {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            return p;
        }
        Path file = SqliteFiles.fresh("quartz");
        QuartzSqliteSchema.create(file);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.HSQLDBDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.dataSource", "bench");
        p.setProperty("org.quartz.dataSource.bench.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.bench.driver", "org.sqlite.JDBC");
        p.setProperty("org.quartz.dataSource.bench.URL", SqliteFiles.url(file));
        p.setProperty("org.quartz.dataSource.bench.maxConnections", Integer.toString(connections));
        return p;
    }

    private void register(RecurringPlan.Kind kind, int index) throws SchedulerException {
        boolean everySecond = kind == RecurringPlan.Kind.EVERY_SECOND;
        scheduler.scheduleJob(
                newJob(everySecond ? QuartzJobs.EverySecond.class : QuartzJobs.Yearly.class)
                        .withIdentity("r" + index, "recurring")
                        .usingJobData(QuartzJobs.INDEX, index)
                        .build(),
                newTrigger()
                        .withIdentity("r" + index, "recurring")
                        .withSchedule(cronSchedule(everySecond ? "* * * * * ?" : "0 0 3 1 1 ?"))
                        .build());
    }

    @Override
    public void enqueueNow(int index) throws SchedulerException {
        scheduler.scheduleJob(
                newJob(QuartzJobs.OneShot.class)
                        .withIdentity("j" + index, ONE_SHOTS)
                        .usingJobData(QuartzJobs.INDEX, index)
                        .build(),
                newTrigger().withIdentity("t" + index, ONE_SHOTS).startNow().build());
    }

    /**
     * Quartz has no hook after its completion write (trigger listeners run before it), so this
     * looks: a one-shot trigger's row, and its non-durable job's, are deleted when the completion
     * is stored.
     */
    @Override
    public long recordedAtNs(int count) throws SchedulerException {
        if (Probe.bodies() < count) {
            return 0;
        }
        return scheduler
                        .getTriggerKeys(GroupMatcher.triggerGroupEquals(ONE_SHOTS))
                        .isEmpty()
                ? System.nanoTime()
                : 0;
    }

    @Override
    public long cronGraceMs() {
        return 3000;
    }

    @Override
    public void close() {
        if (scheduler == null) {
            return;
        }
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz did not shut down", e);
        }
    }
}
