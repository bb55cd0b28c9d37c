package io.kronforce.controller.executions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.RunLogRecord;
import io.kronforce.controller.exec.RunResult;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.resources.Variables;
import io.kronforce.controller.rules.OutputForwarder;
import io.kronforce.controller.rules.OutputRules;
import io.kronforce.controller.rules.RuleDeadline;
import io.kronforce.controller.rules.RuleError;
import io.kronforce.controller.rules.RuleOutcome;
import io.kronforce.controller.rules.RuleSet;
import io.kronforce.worker.host.Fatal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies a job's output rules (docs/reference/output-rules.md) to a finished run, in three steps around the finish
 * write: {@link #prepare} judges the result before it is stored, so the stored status, the
 * {@code execution.completed} severity and everything that reads them later (retries,
 * notifications, event triggers) see the post-assertion status (docs/reference/differences.md row 10, fixed);
 * {@link Pending#write} stores variable write-backs and {@code output.matched} events in the same
 * transaction as the result; {@link Pending#committed} drops the variable cache and starts the
 * forward. Rules read the output the executor already masked, so secret values never reach an
 * extracted value, a variable or an event.
 *
 * <p>The rules are part of the run: they run under the job's timeout, counted from the run's start,
 * and a run whose rules are still matching at the deadline is recorded {@code timed_out} (the clock
 * is read every few thousand characters a match reads, so short output is judged even past it). A rule
 * that cannot be applied at all (its match overflowed the stack, or anything else went wrong in
 * the engine) fails the run with the reason on its stderr: the verdict of the rules is unknown, so
 * the run's own status cannot stand. Either way the finish is recorded — a run never stays
 * {@code running} because of its rules. Thread-safe: it holds no state of its own.
 */
public final class OutputRulesHook {
    private static final Logger LOG = Logger.getLogger(OutputRulesHook.class.getName());

    private final Variables variables;
    private final EventLog events;
    private final OutputForwarder forwarder;
    private final InstantSource clock;

    public OutputRulesHook(Variables variables, EventLog events, OutputForwarder forwarder, InstantSource clock) {
        this.variables = variables;
        this.events = events;
        this.forwarder = forwarder;
        this.clock = clock;
    }

    /** Judges one run against its job's rules; a job without rules keeps the result as it is. */
    Pending prepare(Job job, Execution execution, RunResult r) {
        try {
            RuleSet rules = RuleSet.from(job.spec().outputRules());
            RuleOutcome outcome = rules.isEmpty()
                    ? RuleOutcome.unchanged(r.status(), r.stdout(), r.stderr())
                    : OutputRules.apply(rules, r.status(), r.stdout(), r.stderr(), deadline(job, execution));
            return new Pending(job, execution, r, rules, outcome);
        } catch (RuleDeadline.Passed e) {
            return unjudged(
                    job,
                    execution,
                    r,
                    ExecutionStatus.TIMED_OUT,
                    "job timed out after " + job.timeoutSecs() + "s while its output rules were still matching;"
                            + " the rules were not applied");
        } catch (RuleError e) {
            return unjudged(job, execution, r, ExecutionStatus.FAILED, e.getMessage());
        } catch (Throwable t) {
            RunLogRecord.log(
                    LOG, Level.SEVERE, "output rules of " + execution.id() + " failed", execution.id(), job.id(), t);
            Fatal.rethrowIfFatal(t);
            return unjudged(job, execution, r, ExecutionStatus.FAILED, "the rules could not be applied: " + t);
        }
    }

    /** The run with none of its rules' effects, as {@code status}, with why on its stderr. */
    private Pending unjudged(Job job, Execution execution, RunResult r, ExecutionStatus status, String why) {
        String note = "[output rules] " + why;
        String stderr = r.stderr() == null || r.stderr().isEmpty() ? note : r.stderr() + "\n" + note;
        return new Pending(job, execution, r, RuleSet.NONE, RuleOutcome.unchanged(status, r.stdout(), stderr));
    }

    /** The run's deadline: its start (now, when it has none) plus the job's timeout. */
    private RuleDeadline deadline(Job job, Execution execution) {
        if (job.timeoutSecs() == null) {
            return RuleDeadline.none();
        }
        long started = execution.startedAtMs() == null ? clock.millis() : execution.startedAtMs();
        return RuleDeadline.at(clock, started + job.timeoutSecs() * 1000L);
    }

    /** One run's outcome, waiting for the finish transaction. Used by one thread. */
    final class Pending {
        private final Job job;
        private final Execution execution;
        private final RunResult result;
        private final RuleSet rules;
        private final RuleOutcome outcome;

        private Pending(Job job, Execution execution, RunResult run, RuleSet rules, RuleOutcome outcome) {
            this.job = job;
            this.execution = execution;
            this.rules = rules;
            this.outcome = outcome;
            this.result = new RunResult(
                    outcome.status(),
                    run.exitCode(),
                    outcome.stdout(),
                    outcome.stderr(),
                    run.stdoutTruncated(),
                    run.stderrTruncated(),
                    run.finishedAtMs(),
                    run.startedAtMs());
        }

        /** Whether an assertion failed this run (the stored status says failed because of it). */
        boolean assertionFailed() {
            return !outcome.assertionFailures().isEmpty();
        }

        /** The result to store. */
        RunResult result() {
            return result;
        }

        /** The execution's {@code extracted} object; null when no extraction matched (upstream). */
        JsonNode extracted() {
            if (outcome.extracted().isEmpty()) {
                return null;
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            outcome.extracted().forEach(out::put);
            return out;
        }

        /** Inside the finish transaction, once the row changed: variable write-backs and trigger events. */
        List<Event> write(Connection c) throws SQLException {
            if (!outcome.variableWrites().isEmpty()) {
                variables.writeExtracted(c, outcome.variableWrites(), execution.id());
            }
            List<Event> written = new ArrayList<>();
            for (RuleSet.Trigger t : outcome.matchedTriggers()) {
                events.write(
                                c,
                                Principal.SYSTEM,
                                EventKind.OUTPUT_MATCHED,
                                RuleOutcome.severityOf(t),
                                "Output pattern matched: '" + t.pattern() + "' in job '" + job.name() + "'",
                                new EventLog.Subject(job.id(), execution.id(), null, null))
                        .ifPresent(written::add);
            }
            return written;
        }

        /** After the commit: fresh variables for the next trigger, and the forward (never awaited). */
        void committed() {
            if (!outcome.variableWrites().isEmpty()) {
                variables.changed();
            }
            if (rules.forwardUrl() != null) {
                forwarder.forward(
                        rules.forwardUrl(),
                        new OutputForwarder.Payload(
                                job.id(),
                                execution.id(),
                                result.status().wire(),
                                result.exitCode(),
                                result.stdout(),
                                result.stderr(),
                                execution.startedAtMs(),
                                result.finishedAtMs()));
            }
        }
    }
}
