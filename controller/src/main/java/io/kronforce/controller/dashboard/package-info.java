/**
 * The browser dashboard's read models: timelines, charts, recent statuses, "why didn't it run",
 * bulk-action previews and the change feed. Use cases like {@code app}: stores in, records out,
 * no Helidon.
 */
package io.kronforce.controller.dashboard;
