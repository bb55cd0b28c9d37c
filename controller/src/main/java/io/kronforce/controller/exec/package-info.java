/**
 * Local execution: finds task handlers through ServiceLoader, binds task JSON to their config
 * records, runs them on virtual threads with a deadline, captures capped output and streams it
 * live. Knows nothing about HTTP or the store; results go back through {@link
 * io.kronforce.controller.exec.RunListener}.
 */
package io.kronforce.controller.exec;
