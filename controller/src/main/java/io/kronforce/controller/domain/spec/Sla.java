package io.kronforce.controller.domain.spec;

/**
 * The daily deadline a run must have finished by.
 *
 * @param deadline    {@code HH:MM} in the job's zone; null: no SLA
 * @param warningMins how long before the deadline to warn (0: no warning)
 */
public record Sla(String deadline, int warningMins) {}
