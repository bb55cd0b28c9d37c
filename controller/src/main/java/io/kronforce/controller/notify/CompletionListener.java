package io.kronforce.controller.notify;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.JobStore;
import io.kronforce.notifier.EventKind;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hears committed {@code execution.completed} events and queues what the job's rules ask for.
 * The work (reading the run, the job and the settings, writing outbox rows) happens on a
 * virtual thread of its own, so the thread that finished the execution only hands over the event.
 */
final class CompletionListener implements Consumer<Event>, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompletionListener.class.getName());

    private final ExecutionStore executions;
    private final JobStore jobs;
    private final Outbox outbox;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual()
            .name("kronforce-notify-enqueue").factory());

    CompletionListener(ExecutionStore executions, JobStore jobs, Outbox outbox) {
        this.executions = executions;
        this.jobs = jobs;
        this.outbox = outbox;
    }

    @Override
    public void accept(Event event) {
        if (!"execution.completed".equals(event.kind()) || event.executionId() == null) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    enqueue(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "could not queue notifications for execution " + event.executionId(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.info("shutting down; no notification for execution " + event.executionId());
        }
    }

    /** Decides and queues for one completed execution; the event id keys the rows (dedup). */
    void enqueue(Event event) {
        Optional<Execution> execution = executions.findById(event.executionId());
        Optional<Job> job = execution.flatMap(e -> jobs.findById(e.jobId()));
        if (job.isEmpty()) {
            return;
        }
        Execution e = execution.get();
        Optional<JobRule> rule = JobRule.of(job.get().spec().get("notifications"));
        if (rule.isEmpty()) {
            return;
        }
        Optional<EventKind> kind = rule.get().decide(e.status(), e.stderr());
        if (kind.isPresent()) {
            outbox.enqueue(event.id(), job.get(), e, rule.get(), kind.get(), false);
        } else if (rule.get().resolvesQuietly(e.status())) {
            outbox.enqueue(event.id(), job.get(), e, rule.get(), EventKind.JOB_SUCCEEDED, true);
        }
    }

    /** Lets queued hand-overs finish (they are short database work), then stops. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
