package io.kronforce.notifier.testkit;

import io.kronforce.notifier.EventKind;
import io.kronforce.notifier.Link;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Notifications as the controller would build them, for channel tests. */
public final class SampleNotifications {

    public static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    public static final String JOB_ID = "6f1c2a9e-8b7d-4c3e-9a1f-0d2e3c4b5a69";
    public static final String EXECUTION_ID = "0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";

    private SampleNotifications() {}

    /** The job {@code nightly-backup} failed with exit 2. */
    public static Notification failure() {
        return new Notification(
                "kronforce/job/" + JOB_ID,
                EventKind.JOB_FAILED,
                Severity.ERROR,
                "[Kronforce] Job 'nightly-backup' failed",
                "Job: nightly-backup\nStatus: failed\nExecution: 0b9a8c7d\nTime: 2026-03-01T12:00:00Z",
                JOB_ID,
                "nightly-backup",
                EXECUTION_ID,
                "failed",
                "tar: /data: Cannot open: Permission denied",
                List.of(new Link("Open execution", URI.create("https://kronforce.example/executions/" + EXECUTION_ID))),
                AT);
    }

    /** The same job's next run succeeded (resolves what {@link #failure()} opened). */
    public static Notification success() {
        return new Notification(
                "kronforce/job/" + JOB_ID,
                EventKind.JOB_SUCCEEDED,
                Severity.INFO,
                "[Kronforce] Job 'nightly-backup' succeeded",
                "Job: nightly-backup\nStatus: succeeded\nExecution: 1c0b9a8d\nTime: 2026-03-02T12:00:00Z",
                JOB_ID,
                "nightly-backup",
                "1c0b9a8d-7e6f-4b3a-9c2d-2f1e0a9b8c7d",
                "succeeded",
                null,
                List.of(),
                AT.plusSeconds(86_400));
    }

    /** The same job ran past its timeout. */
    public static Notification timedOut() {
        Notification f = failure();
        return new Notification(
                f.dedupKey(),
                EventKind.JOB_FAILED,
                Severity.ERROR,
                "[Kronforce] Job 'nightly-backup' timed out",
                f.body().replace("failed", "timed_out"),
                f.jobId(),
                f.jobName(),
                f.executionId(),
                "timed_out",
                null,
                f.links(),
                f.occurredAt());
    }
}
