package io.kronforce.controller.executions;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.metrics.LatencyHistogram;
import io.kronforce.controller.metrics.MetricsSource;

/** Start-delay and run-duration histograms of finished executions. Thread-safe (lock-free). */
public final class ExecutionMetrics implements MetricsSource {
    private final LatencyHistogram runDuration = new LatencyHistogram(
            "kronforce_execution_duration_seconds",
            "Time from start to finish of executions recorded by this controller");
    private final LatencyHistogram startDelay = new LatencyHistogram(
            "kronforce_execution_start_delay_seconds",
            "Time from an execution being recorded (a slot admitted ahead: from its slot) to its start");
    private final LatencyHistogram lateness = new LatencyHistogram(
            "kronforce_schedule_lateness_seconds",
            "Time from a scheduler slot's instant to the start of its execution");

    /** Records one finished execution; runs that never started (skipped, cancelled while waiting) are left out. */
    void observe(Execution e, long finishedAtMs) {
        if (e.startedAtMs() != null) {
            // A slot admitted ahead is recorded up to half a second before it is due: its delay counts from the slot.
            long dueAtMs = e.scheduledForMs() == null ? e.createdAtMs() : Math.max(e.createdAtMs(), e.scheduledForMs());
            startDelay.observeMillis(e.startedAtMs() - dueAtMs);
            runDuration.observeMillis(finishedAtMs - e.startedAtMs());
            if (e.scheduledForMs() != null) {
                lateness.observeMillis(Math.max(0, e.startedAtMs() - e.scheduledForMs()));
            }
        }
    }

    /** The histograms in Prometheus text format. */
    @Override
    public void appendTo(StringBuilder out) {
        out.append(startDelay.render()).append(runDuration.render()).append(lateness.render());
    }
}
