/**
 * Schedules: the cron dialect (upstream's six fields, seconds first), schedule validation, and
 * the scheduling engine. {@link io.kronforce.controller.schedule.DuePlanner} is a pure function
 * (no store, no clock, no threads) deciding which slots fire and when next;
 * {@link io.kronforce.controller.schedule.TickLoop} owns the in-memory queue and the one thread,
 * and reaches the store only through the {@link io.kronforce.controller.schedule.Firings} port
 * implemented in {@code app}. Never imports the store, JDBC or Helidon.
 */
package io.kronforce.controller.schedule;
