package io.kronforce.notifier;

import java.util.Locale;

/** What happened, as far as a notification is concerned. */
public enum EventKind {
    JOB_FAILED,
    JOB_SUCCEEDED,
    ASSERTION_FAILED,
    RETRIES_EXHAUSTED,
    SLA_WARNING,
    SLA_BREACH,
    AGENT_OFFLINE,
    TEST;

    /** Lower-case wire name, e.g. {@code job_failed}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this event ends the condition its dedup key names: a success after failures closes
     * the PagerDuty incident the failures opened.
     */
    public boolean resolves() {
        return this == JOB_SUCCEEDED;
    }
}
