package io.kronforce.agent;

import io.kronforce.worker.host.Fatal;
import io.kronforce.worker.host.HostedRun;
import io.kronforce.worker.host.TaskHost;
import io.kronforce.worker.wire.ExecuteRequest;
import io.kronforce.worker.wire.ResultReport;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs pushed work in the background, one virtual thread per run, and posts each result to the
 * callback URL it came with: up to five attempts, two, four, eight and sixteen seconds apart, as
 * upstream. A 409 is the controller's final word (the lease was lost, or another result was
 * recorded) and is not retried; nor is a result the controller took but ignored because the run
 * was cancelled meanwhile. Thread-safe.
 */
final class Runner {
    private static final Logger LOG = Logger.getLogger(Runner.class.getName());
    private static final int ATTEMPTS = 5;

    private final TaskHost host;
    private final ControllerLink link;
    private final Supplier<String> agentId;
    private final Duration firstBackoff;

    Runner(TaskHost host, ControllerLink link, Supplier<String> agentId, Duration firstBackoff) {
        this.host = host;
        this.link = link;
        this.agentId = agentId;
        this.firstBackoff = firstBackoff;
    }

    /** Starts a pushed run in the background; false when that execution is already running here. */
    boolean start(ExecuteRequest request) {
        if (host.isRunning(request.executionId())) {
            return false;
        }
        Thread.ofVirtual()
                .name("run-" + request.executionId())
                .start(() -> runAndReport(HostedRun.from(request), request.callbackUrl()));
        return true;
    }

    /** Runs on the calling thread, then posts the result (with retries); returns the result. */
    ResultReport runAndReport(HostedRun run, String callbackUrl) {
        ResultReport report;
        Throwable fatal = null;
        try {
            report = host.run(run, agentId.get());
        } catch (Throwable t) {
            // The host lets only a fatal error through (see Fatal): the run is still reported, as
            // failed, so the controller does not wait out its lease; the error is rethrown after.
            LOG.log(Level.SEVERE, "running " + run.executionId() + " failed unexpectedly", t);
            fatal = Fatal.is(t) ? t : null;
            report = host.failedOutright(run, agentId.get(), "agent error while running the task: " + t);
        }
        deliver(callbackUrl, report);
        if (fatal != null) {
            Fatal.rethrowIfFatal(fatal);
        }
        return report;
    }

    private void deliver(String callbackUrl, ResultReport report) {
        Duration backoff = firstBackoff;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                ControllerLink.Delivery delivery = link.result(callbackUrl, report);
                int status = delivery.status();
                if (status / 100 == 2) {
                    if ("ignored".equals(delivery.answer())) {
                        LOG.info("result of " + report.executionId() + " not recorded: the run was cancelled");
                    }
                    return;
                }
                if (status == 409 || status == 404) {
                    LOG.info("result of " + report.executionId() + " refused (HTTP " + status + "): the controller"
                            + " no longer expects it");
                    return;
                }
                LOG.warning("posting the result of " + report.executionId() + " answered HTTP " + status);
            } catch (IOException e) {
                LOG.warning("posting the result of " + report.executionId() + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < ATTEMPTS && !sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2);
        }
        LOG.warning("gave up posting the result of " + report.executionId() + " after " + ATTEMPTS + " attempts");
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
