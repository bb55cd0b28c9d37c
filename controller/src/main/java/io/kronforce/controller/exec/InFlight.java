package io.kronforce.controller.exec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.worker.host.HostedRun;
import io.kronforce.worker.host.RunObserver;
import io.kronforce.worker.host.StopReason;
import io.kronforce.worker.host.TaskHost;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One run of this controller, from submit to its recorded result: its live output, and a stop
 * that came before the host had the run. It observes the host's run, so the start is recorded
 * and the output streamed as they happen. Apart from {@link LocalExecutor} because the hand-over
 * of a stop between "waiting for a slot" and "in the host" is its own small state machine.
 */
final class InFlight implements RunObserver {
    private static final ObjectMapper JSON = JsonMapping.MAPPER;
    private static final TypeReference<Map<String, Object>> TASK = new TypeReference<>() {};

    final LocalRun run;
    final HostedRun hosted;
    final LiveOutput live;
    private final TaskHost host;
    private final RunListener listener;
    private final boolean startRecorded;
    private StopReason stop;
    private boolean inHost;
    private volatile Long bodyStartedAtMs;

    /** @param startRecorded the row was stored {@code running} already: the start needs no write */
    InFlight(LocalRun run, TaskHost host, RunListener listener, boolean startRecorded) {
        this.run = run;
        // The controller's runs need no job id in a report: the listener knows the execution.
        this.hosted = new HostedRun(
                run.executionId(),
                null,
                run.attempt(),
                JSON.convertValue(run.task(), TASK),
                run.timeout(),
                run.runAs());
        this.live = new LiveOutput(run.mask());
        this.host = host;
        this.listener = listener;
        this.startRecorded = startRecorded;
    }

    /** The first reason wins; once the host has the run, the host stops it. */
    synchronized void stop(StopReason why) {
        if (stop == null) {
            stop = why;
        }
        if (inHost) {
            host.stop(run.executionId(), why);
        }
    }

    synchronized Optional<StopReason> stopped() {
        return Optional.ofNullable(stop);
    }

    @Override
    public void started(Instant at) {
        // The host delivers no interrupt while this runs, so the store write completes; a stop
        // meanwhile (here or in the host) keeps the handler from starting.
        bodyStartedAtMs = at.toEpochMilli();
        if (!startRecorded) {
            listener.started(run.executionId(), at.toEpochMilli());
        }
        synchronized (this) {
            inHost = true;
            if (stop != null) {
                host.stop(run.executionId(), stop);
            }
        }
    }

    /** When the host began the task body; null until it did (or when it never will). */
    Long bodyStartedAtMs() {
        return bodyStartedAtMs;
    }

    @Override
    public void stdout(String text) {
        live.stdout(text);
    }

    @Override
    public void stderr(String text) {
        live.stderr(text);
    }
}
