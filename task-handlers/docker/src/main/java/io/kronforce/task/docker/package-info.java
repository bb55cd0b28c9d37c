/**
 * The {@code docker_build} task type: builds an image from a stored Dockerfile through the docker
 * CLI, streams its output, and kills the CLI's process tree on cancellation or timeout.
 */
package io.kronforce.task.docker;
