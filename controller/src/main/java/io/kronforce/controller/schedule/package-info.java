/**
 * Schedules: the cron dialect (upstream's six fields, seconds first), schedule validation and
 * next-fire computation. Pure functions of a schedule and an instant; no store, no threads.
 */
package io.kronforce.controller.schedule;
