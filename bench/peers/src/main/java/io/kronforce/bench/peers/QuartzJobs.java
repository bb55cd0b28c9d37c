package io.kronforce.bench.peers;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The job classes Quartz instantiates by name (public, with a no-argument constructor). */
public final class QuartzJobs {

    static final String INDEX = "index";

    private QuartzJobs() {}

    /** W1/W2: the one-shot body. */
    public static final class OneShot implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            Probe.oneShot(context.getMergedJobDataMap().getInt(INDEX));
        }
    }

    /** W3: hands Quartz's own planned fire time to the ledger. */
    public static final class EverySecond implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            Probe.cronFired(
                    context.getMergedJobDataMap().getInt(INDEX),
                    context.getScheduledFireTime().getTime());
        }
    }

    /** W4: never due while measured. */
    public static final class Yearly implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            Probe.neverDue();
        }
    }
}
