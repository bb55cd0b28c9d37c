package io.kronforce.controller.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of event the controller writes, with its wire name: the {@code kind} of the events
 * feed and of stored event rows, and what event triggers and notification rules match against.
 * The wire names are part of the contract; never rename one.
 */
public enum EventKind {
    JOB_CREATED("job.created"),
    JOB_UPDATED("job.updated"),
    JOB_DELETED("job.deleted"),
    JOB_TRIGGERED("job.triggered"),
    JOB_PENDING_APPROVAL("job.pending_approval"),
    EXECUTION_COMPLETED("execution.completed"),
    EXECUTION_QUEUED("execution.queued"),
    EXECUTION_SKIPPED("execution.skipped"),
    EXECUTION_APPROVED("execution.approved"),
    EXECUTION_RETRY_SCHEDULED("execution.retry_scheduled"),
    EXECUTION_RETRIES_EXHAUSTED("execution.retries_exhausted"),
    SCHEDULE_MISFIRE_SKIPPED("schedule.misfire_skipped"),
    PIPELINE_FIRED("pipeline.fired"),
    GROUP_COMPLETED("group.completed"),
    SLA_WARNING("sla.warning"),
    SLA_BREACH("sla.breach"),
    OUTPUT_MATCHED("output.matched"),
    TRIGGER_LOOP_STOPPED("trigger.loop_stopped"),
    AGENT_REGISTERED("agent.registered"),
    AGENT_UNPAIRED("agent.unpaired"),
    AGENT_OFFLINE("agent.offline"),
    KEY_CREATED("key.created"),
    KEY_REVOKED("key.revoked"),
    SCRIPT_SAVED("script.saved"),
    SCRIPT_DELETED("script.deleted"),
    NOTIFICATION_SENT("notification.sent"),
    NOTIFICATION_FAILED("notification.failed"),
    REPLICATION_FAILED("replication.failed"),
    REPLICATION_RECOVERED("replication.recovered");

    private static final Map<String, EventKind> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventKind::wire, Function.identity()));

    private final String wire;

    EventKind(String wire) {
        this.wire = wire;
    }

    /** The name on the wire and in the database, e.g. {@code execution.completed}. */
    public String wire() {
        return wire;
    }

    /** The kind with this wire name; empty for a name the controller does not write. */
    public static Optional<EventKind> fromWire(String wire) {
        return Optional.ofNullable(wire == null ? null : BY_WIRE.get(wire));
    }

    @Override
    public String toString() {
        return wire;
    }
}
