/**
 * Prometheus text by hand: the {@code MetricsSource} parts contribute series to {@code /metrics},
 * and a lock-free latency histogram.
 */
package io.kronforce.controller.metrics;
