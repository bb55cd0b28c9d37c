/**
 * The {@code http} task type: one HTTP request, redirects followed by hand so that every hop passes
 * the host's {@link io.kronforce.task.EgressPolicy} before anything is sent.
 */
package io.kronforce.task.http;
