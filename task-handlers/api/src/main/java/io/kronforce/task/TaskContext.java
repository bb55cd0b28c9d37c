package io.kronforce.task;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** The host's side of one run: identity, limits and the output channel. Not shared between runs. */
public interface TaskContext {

    /** The execution this run belongs to (UUID text). */
    String executionId();

    /** 1 for the first run, then 2, 3… for retries. */
    int attempt();

    /** When the host will interrupt the run; empty when the job has no timeout. */
    Optional<Instant> deadline();

    /**
     * Time left before {@link #deadline()} by {@link #clock()}: zero or negative once it has passed,
     * empty when the job has no timeout. Handlers size their network timeouts with it.
     */
    default Optional<Duration> timeLeft() {
        return deadline().map(d -> Duration.between(clock().instant(), d));
    }

    /** Operating-system user to run as (shell-like tasks only); empty for the controller's own user. */
    Optional<String> runAs();

    /** Where the handler writes the task's stdout and stderr. Thread-safe. */
    OutputSink output();

    /** The host's clock; handlers never read the wall clock directly. */
    InstantSource clock();
}
