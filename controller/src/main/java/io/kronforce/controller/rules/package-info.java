/**
 * Output rules (docs/reference/output-rules.md): the {@code output_rules} job field's validation ({@link
 * io.kronforce.controller.rules.RuleSpecs}), its parsed form ({@link
 * io.kronforce.controller.rules.RuleSet}), the pure rule engine ({@link
 * io.kronforce.controller.rules.OutputRules}) and the forward-URL sender ({@link
 * io.kronforce.controller.rules.OutputForwarder}). Everything here except the forwarder is free
 * of I/O; the use case that stores the outcome (variables, events, the execution row) lives in
 * {@code app}. Imports domain and the task API's {@code EgressPolicy}; never store, app, http,
 * {@code java.sql} or Helidon.
 */
package io.kronforce.controller.rules;
