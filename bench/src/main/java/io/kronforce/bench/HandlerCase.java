package io.kronforce.bench;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.OutputSink;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * One B7 row's operations (its label is {@link HandlerBench}'s): a task handler's run and, as its
 * baseline, the bare client library doing the same operation the same way (a fresh connection each
 * time, since the handler opens one per run).
 *
 * @param handler one handler run; throws unless it succeeded
 * @param bare the same operation with the client library alone
 * @param cleanup removes what the case created on the server
 */
record HandlerCase(Op handler, Op bare, Op cleanup) {

    /** Settings of the handlers under test: the servers are on loopback. */
    static final HandlerSettings LOOPBACK = new HandlerSettings(EgressPolicy.parse("127.0.0.1/32"));

    /** Thrown instead of a case when this machine cannot run it (no engine, say): reported, never measured. */
    static final class Skipped extends Exception {
        private static final long serialVersionUID = 1L;

        Skipped(String reason) {
            super(reason);
        }
    }

    /** What builds a case once its server runs. */
    interface Setup {
        HandlerCase build() throws Exception;
    }

    /** Builds a case around a server the case started; stops that server if the building fails. */
    static HandlerCase around(AutoCloseable server, Setup setup) throws Exception {
        try {
            return setup.build();
        } catch (Exception e) {
            try {
                server.close();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            throw e;
        }
    }

    /** A measured operation. */
    interface Op {
        void run() throws Exception;
    }

    /** An operation that runs {@code handler} on {@code config} and insists that it succeeded. */
    static <C extends Record> Op run(TaskHandler<C> handler, C config) {
        return () -> {
            TaskOutcome outcome = handler.run(config, QuietContext.INSTANCE);
            if (!(outcome instanceof TaskOutcome.Succeeded)) {
                throw new IllegalStateException(handler.type() + " did not succeed: " + outcome);
            }
        };
    }

    /** No deadline, output discarded: the bench measures the handler, not the host's capture. */
    private enum QuietContext implements TaskContext, OutputSink {
        INSTANCE;

        @Override
        public String executionId() {
            return "00000000-0000-0000-0000-0000000000b7";
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public Optional<Instant> deadline() {
            return Optional.empty();
        }

        @Override
        public Optional<String> runAs() {
            return Optional.empty();
        }

        @Override
        public OutputSink output() {
            return this;
        }

        @Override
        public InstantSource clock() {
            return InstantSource.system();
        }

        @Override
        public void stdout(String text) {}

        @Override
        public void stderr(String text) {}
    }
}
