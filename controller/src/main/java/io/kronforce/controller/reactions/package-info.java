/**
 * Reactions to what happened: event-triggered jobs (with the loop guard) and SLA warnings and
 * breaches. Notifications, the other reaction, live in {@code notify}.
 */
package io.kronforce.controller.reactions;
