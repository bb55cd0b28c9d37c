package io.kronforce.controller.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Ids;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.RunLogRecord;
import io.kronforce.controller.domain.spec.Target;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.executions.PreparedRun;
import io.kronforce.controller.executions.RunPreparation;
import io.kronforce.controller.store.AgentWorkStore;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.worker.host.Fatal;
import io.kronforce.worker.wire.ExecuteRequest;
import io.kronforce.worker.wire.Protocol;
import io.kronforce.worker.wire.ResultReport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs whose target is an HTTP function ({@code {"type":"function","url":…,"secret":"{{NAME}}"}}):
 * one {@code agent_work} row of mode {@code function} under a fresh fencing token, then a signed
 * POST of the dispatch ({@link FunctionClient}) on a virtual thread. A {@code 200} answer carries
 * the result ({@link ResultReport}) and is recorded at once through {@link ResultIntake}, fenced
 * like a callback; a {@code 202} means the function will post the result to the dispatch's
 * {@code callback_url} later, as agents do; anything else fails the run with the reason. The
 * lease (no heartbeats come from a function) is the queue lease plus the job's timeout. Thread-safe.
 */
final class FunctionRuns {
    static final String KIND = "function";
    private static final Logger LOG = Logger.getLogger(FunctionRuns.class.getName());
    private static final ObjectMapper JSON = JsonMapping.MAPPER;

    private final Database db;
    private final AgentWorkStore work;
    private final RunPreparation preparation;
    private final Callbacks callbacks;
    private final RunListener listener;
    private final WorkCloser closer;
    private final FunctionClient client;
    private final ResultIntake results;
    private final InstantSource clock;

    /**
     * @param preparation resolves the secret the dispatch is signed with
     * @param results where a synchronous answer's result is recorded, fenced like a callback
     */
    FunctionRuns(
            WorkQueue.Parts stores,
            RunPreparation preparation,
            Callbacks callbacks,
            RunListener listener,
            WorkCloser closer,
            FunctionClient client,
            ResultIntake results,
            InstantSource clock) {
        this.db = stores.db();
        this.work = stores.work();
        this.preparation = preparation;
        this.callbacks = callbacks;
        this.listener = listener;
        this.closer = closer;
        this.client = client;
        this.results = results;
        this.clock = clock;
    }

    /**
     * Hands a recorded pending run to its function.
     *
     * @return why it cannot be sent (its secret variable is not set); empty when it was sent
     */
    Optional<String> start(Job job, PreparedRun run, Duration queueLease) {
        Target.Function target = (Target.Function) job.spec().target();
        String secretRef = target.secretRef();
        Optional<String> secret = preparation.resolveText(secretRef);
        if (secret.isEmpty()) {
            return Optional.of("function secret " + secretRef + " is not set: define it as a (secret) variable");
        }
        String executionId = run.row().id();
        String token = Callbacks.newToken();
        Duration lease = queueLease.plusSeconds(job.timeoutSecs() == null ? 0 : job.timeoutSecs());
        long now = clock.millis();
        AgentWorkStore.NewWork row = new AgentWorkStore.NewWork(
                Ids.newId(),
                executionId,
                job.id(),
                null,
                null,
                target.json(),
                run.runTask().path("type").asText());
        db.write(c -> {
            work.pushed(c, row, KIND, new AgentWorkStore.Lease(token, now + lease.toMillis()), now);
            return null;
        });
        ExecuteRequest request = new ExecuteRequest(
                executionId,
                job.id(),
                RemoteRuns.asMap(run),
                job.runAs(),
                job.timeoutSecs(),
                callbacks.url(token),
                run.row().attemptNumber(),
                Protocol.VERSION);
        URI url = URI.create(target.url());
        Thread.ofVirtual().name("function-" + executionId).start(() -> call(url, secret.get(), request, lease, token));
        return Optional.empty();
    }

    private void call(URI url, String secret, ExecuteRequest request, Duration lease, String token) {
        String id = request.executionId();
        try {
            listener.started(id, clock.millis());
            FunctionClient.Answer answer = client.post(url, secret, request, lease);
            answered(id, answer, token);
        } catch (EgressDeniedException e) {
            closer.close(id, "dispatch failed: " + e.getMessage());
        } catch (IOException e) {
            closer.close(id, "dispatch failed: function unreachable or silent: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closer.close(id, "dispatch failed: interrupted");
        } catch (Throwable e) {
            RunLogRecord.log(LOG, Level.SEVERE, "function dispatch of " + id + " failed", id, null, e);
            closer.close(id, "dispatch failed: internal error: " + e);
            Fatal.rethrowIfFatal(e);
        }
    }

    private void answered(String id, FunctionClient.Answer answer, String token) {
        if (answer.status() == 202) {
            return; // the function posts the result to the callback URL later
        }
        if (answer.status() != 200) {
            closer.close(id, "function rejected: HTTP " + answer.status());
            return;
        }
        ResultReport report;
        try {
            report = JSON.readValue(answer.body(), ResultReport.class);
        } catch (IOException e) {
            closer.close(id, "function answered 200 without a result report in its body");
            return;
        }
        if (!id.equals(report.executionId())) {
            closer.close(id, "function answered with a result for another execution");
            return;
        }
        try {
            if (results.accept(report, token) == ResultIntake.Outcome.RUN_CANCELLED) {
                LOG.info("function result for " + id + " not recorded: the run was cancelled meanwhile");
            }
        } catch (KronforceException.Conflict e) {
            // its lease ran out
            RunLogRecord.log(
                    LOG, Level.INFO, "function result for " + id + " not recorded: " + e.getMessage(), id, null, null);
        } catch (KronforceException e) {
            closer.close(id, "function answered an unusable result: " + e.getMessage());
        }
    }
}
