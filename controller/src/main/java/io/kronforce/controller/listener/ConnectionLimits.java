package io.kronforce.controller.listener;

import java.time.Duration;

/**
 * The listener's limits as configured (docs/CONFIGURATION.md).
 *
 * @param maxConnections open connections at most ({@code KRONFORCE_MAX_CONNECTIONS}); lowered at
 *     start when the file-descriptor limit leaves less room ({@link ConnectionBudget})
 * @param idleTimeout a connection that has not sent a whole request line this long after it opened
 *     or after its last response (silent, idle between requests, or trickling the line in) is
 *     closed ({@code KRONFORCE_IDLE_TIMEOUT_SECS}); under a flood at the cap it is about how long a
 *     new connection waits for a slot
 */
public record ConnectionLimits(int maxConnections, Duration idleTimeout) {}
