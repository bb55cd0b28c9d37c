package io.kronforce.task;

/**
 * One problem with a task configuration.
 *
 * @param pointer JSON pointer into the task object, e.g. {@code /url}
 * @param message what is wrong, for a human
 */
public record ConfigViolation(String pointer, String message) {}
