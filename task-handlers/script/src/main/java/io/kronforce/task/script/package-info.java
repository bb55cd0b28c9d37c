/**
 * The {@code script} task type: JavaScript run by an embedded, interpreted Rhino engine with no
 * access to Java classes, bounded by an operation count, an allocation budget, an output limit
 * and the job's deadline; upstream's builtins are host functions that go through the egress
 * policy (network) and kill their process tree on cancel ({@code shell_exec}).
 */
package io.kronforce.task.script;
