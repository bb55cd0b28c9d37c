package io.kronforce.bench.peers;

/**
 * The recurring jobs a peer registers as part of starting: db-scheduler only knows recurring
 * tasks handed to its builder, so registration cannot come after the start for every peer.
 */
record RecurringPlan(Kind kind, int jobs) {

    enum Kind {
        /** W3: fires every second (every five on JobRunr's SQL store, the shortest it allows). */
        EVERY_SECOND,
        /** W4: a yearly cron, 03:00 on 1 January, so nothing fires while it is measured. */
        YEARLY
    }

    static final RecurringPlan NONE = new RecurringPlan(Kind.YEARLY, 0);

    static RecurringPlan everySecond(int jobs) {
        return new RecurringPlan(Kind.EVERY_SECOND, jobs);
    }

    static RecurringPlan yearly(int jobs) {
        return new RecurringPlan(Kind.YEARLY, jobs);
    }
}
