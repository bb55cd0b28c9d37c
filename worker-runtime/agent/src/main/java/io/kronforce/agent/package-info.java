/**
 * The standard (push) agent, {@code ./kronforce agent}: registers with the controller, heartbeats,
 * registers again by itself when the controller has forgotten it, serves {@code /execute},
 * {@code /cancel}, {@code /shutdown} and {@code /health}, and runs every task type on its class
 * path through the worker host. An application: nothing depends on it, and it knows the
 * controller only through the wire protocol.
 */
package io.kronforce.agent;
