package io.kronforce.controller.metrics;

/** A part that adds its series to the Prometheus page ({@code GET /metrics}). */
@FunctionalInterface
public interface MetricsSource {

    /** Appends this part's series, each with its {@code # HELP} and {@code # TYPE} lines. */
    void appendTo(StringBuilder out);
}
