package io.kronforce.worker.host;

import io.kronforce.task.OutputSink;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskOutcome;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call into a task handler: binds the run's task to its handler's config, builds the context
 * the handler sees, and turns whatever the handler does into an outcome. Apart from the host's
 * stop and deadline bookkeeping because this is the one place a handler's bug is caught, so it
 * never kills the worker that runs it.
 */
final class HandlerCall {
    /** The host's logger: operators filter on it for handler bugs. */
    private static final Logger LOG = Logger.getLogger(TaskHost.class.getName());

    private final HandlerCatalog catalog;
    private final InstantSource clock;

    HandlerCall(HandlerCatalog catalog, InstantSource clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Runs the handler on the calling thread; an unbindable task fails at once, not retryable. */
    TaskOutcome run(HostedRun run, OutputSink out, Optional<Instant> deadline) throws InterruptedException {
        HandlerCatalog.Bound<?> bound;
        try {
            bound = catalog.bind(run.task());
        } catch (IllegalArgumentException e) {
            return new TaskOutcome.Failed(null, e.getMessage(), false);
        }
        return runBound(bound, context(run, out, deadline));
    }

    private static <C extends Record> TaskOutcome runBound(HandlerCatalog.Bound<C> bound, TaskContext ctx)
            throws InterruptedException {
        try {
            return bound.handler().run(bound.config(), ctx);
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable e) {
            // A handler bug must not kill the worker, nor leave the run without a result: an Error
            // too (a stack overflow, a missing class of the plugin) fails this run only. The stack
            // is logged once; a fatal error is rethrown after that (see Fatal).
            LOG.log(Level.SEVERE, "task handler '" + bound.handler().type() + "' threw", e);
            Fatal.rethrowIfFatal(e);
            return new TaskOutcome.Failed(null, "task handler error: " + e, true);
        }
    }

    private TaskContext context(HostedRun run, OutputSink out, Optional<Instant> deadline) {
        return new TaskContext() {
            @Override
            public String executionId() {
                return run.executionId();
            }

            @Override
            public int attempt() {
                return run.attempt();
            }

            @Override
            public Optional<Instant> deadline() {
                return deadline;
            }

            @Override
            public Optional<String> runAs() {
                return run.runAs();
            }

            @Override
            public OutputSink output() {
                return out;
            }

            @Override
            public InstantSource clock() {
                return clock;
            }
        };
    }
}
