package io.kronforce.task.script;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskEnvironment;

/**
 * What the builtins of one run share.
 *
 * @param ctx the host's context: output sink, run-as user
 * @param budget the run's limits and deadline
 * @param egress the policy every outbound address passes
 * @param http the handler's shared HTTP client
 * @param environment what {@code shell_exec} processes start with and {@code env_var} reads
 */
record ScriptRun(
        TaskContext ctx,
        RunBudget budget,
        EgressPolicy egress,
        java.net.http.HttpClient http,
        TaskEnvironment environment) {}
