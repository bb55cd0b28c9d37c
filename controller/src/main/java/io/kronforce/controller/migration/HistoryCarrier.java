package io.kronforce.controller.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.upstream.UpstreamRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The execution history: finished runs of carried jobs, with their output and timings, secrets
 * scrubbed ({@link SecretScrub}). Runs upstream left unfinished (pending, running, awaiting approval)
 * are not carried: here they would be recovered and run again, which a migration must not do.
 */
final class HistoryCarrier {
    private final ExecutionStore executions;
    private final SecretScrub scrub;
    private final MigrationReport report;

    HistoryCarrier(ExecutionStore executions, SecretScrub scrub, MigrationReport report) {
        this.executions = executions;
        this.scrub = scrub;
        this.report = report;
    }

    /** The writes for one batch of upstream rows. */
    List<Write> plan(List<UpstreamRows.Execution> rows, Set<String> carriedJobs, long nowMs) {
        List<Write> writes = new ArrayList<>();
        for (UpstreamRows.Execution row : rows) {
            Optional<ExecutionStatus> status = ExecutionStatus.parse(row.status());
            if (status.isEmpty()) {
                report.notCarriedCount("executions", "unknown status '" + row.status() + "'");
            } else if (!status.get().isTerminal()) {
                report.notCarriedCount(
                        "executions", "unfinished when upstream stopped (" + row.status() + "); not run again here");
            } else if (!carriedJobs.contains(row.jobId())) {
                report.notCarriedCount("executions", "their job was not carried");
            } else {
                Execution e = execution(row, status.get(), nowMs);
                writes.add(c -> executions.insert(c, e));
                report.carried("executions");
            }
        }
        return writes;
    }

    private Execution execution(UpstreamRows.Execution row, ExecutionStatus status, long nowMs) {
        Long started = UpstreamValues.timeOrNull(row.startedAt());
        Long finished = UpstreamValues.timeOrNull(row.finishedAt());
        long created = UpstreamValues.time(row.createdAt())
                .or(() -> Optional.ofNullable(started))
                .orElse(finished != null ? finished : nowMs);
        JsonNode snapshot = UpstreamValues.jsonOrNull(scrub.snapshot(row.taskSnapshotJson()));
        JsonNode trigger = UpstreamValues.jsonOrNull(row.triggeredByJson());
        return new Execution(
                row.id(),
                row.jobId(),
                row.agentId(),
                snapshot == null ? JsonNodeFactory.instance.objectNode() : snapshot,
                status,
                row.exitCode(),
                scrub.output(row.stdout() == null ? "" : row.stdout()),
                scrub.output(row.stderr() == null ? "" : row.stderr()),
                row.stdoutTruncated(),
                row.stderrTruncated(),
                started,
                finished,
                trigger == null ? JsonNodeFactory.instance.objectNode().put("type", "api") : trigger,
                UpstreamValues.jsonOrNull(row.extractedJson()),
                created,
                row.retryOf(),
                row.attemptNumber(),
                UpstreamValues.jsonOrNull(row.paramsJson()),
                null);
    }
}
