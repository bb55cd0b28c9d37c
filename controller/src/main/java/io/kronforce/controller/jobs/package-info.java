/**
 * The job catalogue: creating, changing and removing jobs (one transaction with the version,
 * event and audit row), the checks of a job's fields, declared parameters, the dependency graph,
 * groups, and the slots a paused job did not fire.
 */
package io.kronforce.controller.jobs;
