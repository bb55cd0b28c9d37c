package io.kronforce.controller.domain;

import static io.kronforce.controller.domain.ExecutionStatus.CANCELLED;
import static io.kronforce.controller.domain.ExecutionStatus.FAILED;
import static io.kronforce.controller.domain.ExecutionStatus.PENDING;
import static io.kronforce.controller.domain.ExecutionStatus.PENDING_APPROVAL;
import static io.kronforce.controller.domain.ExecutionStatus.QUEUED;
import static io.kronforce.controller.domain.ExecutionStatus.RUNNING;
import static io.kronforce.controller.domain.ExecutionStatus.SKIPPED;
import static io.kronforce.controller.domain.ExecutionStatus.SUCCEEDED;
import static io.kronforce.controller.domain.ExecutionStatus.TIMED_OUT;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of legal execution state changes. Terminal states have no way out: a late
 * report for a finished execution is refused, so a result is never recorded twice.
 */
public final class Transitions {
    private static final Map<ExecutionStatus, Set<ExecutionStatus>> ALLOWED = Map.of(
            // Approval re-runs the fire gate, so an approved run may still be queued or skipped.
            PENDING_APPROVAL, EnumSet.of(PENDING, QUEUED, SKIPPED, CANCELLED),
            QUEUED, EnumSet.of(PENDING, CANCELLED),
            PENDING, EnumSet.of(RUNNING, SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, SKIPPED),
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, CANCELLED));

    private Transitions() {}

    public static boolean allowed(ExecutionStatus from, ExecutionStatus to) {
        return ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    /** The states from which {@code to} may be reached; the store uses it in conditional updates. */
    public static Set<ExecutionStatus> sourcesOf(ExecutionStatus to) {
        Set<ExecutionStatus> sources = EnumSet.noneOf(ExecutionStatus.class);
        ALLOWED.forEach((from, targets) -> {
            if (targets.contains(to)) {
                sources.add(from);
            }
        });
        return sources;
    }
}
