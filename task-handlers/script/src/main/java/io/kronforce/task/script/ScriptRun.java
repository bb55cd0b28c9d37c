package io.kronforce.task.script;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.TaskContext;

/**
 * What the builtins of one run share.
 *
 * @param ctx the host's context: output sink, run-as user
 * @param budget the run's limits and deadline
 * @param egress the policy every outbound address passes
 * @param http the handler's shared HTTP client
 */
record ScriptRun(TaskContext ctx, RunBudget budget, EgressPolicy egress, java.net.http.HttpClient http) {}
