package io.kronforce.controller.domain.spec;

/**
 * One {@code depends_on} entry: {@code jobId} must have succeeded, within {@code withinSecs} when set.
 *
 * @param withinSecs null: any earlier success counts
 */
public record Dependency(String jobId, Long withinSecs) {}
