/**
 * What fires runs besides a manual trigger: cron, interval and calendar slots, planned retries,
 * runs waiting for a concurrency slot, group pipelines, the dependency cascade and webhooks, plus
 * the upcoming-fires preview. Every path records its row through the execution core's gate.
 */
package io.kronforce.controller.firing;
