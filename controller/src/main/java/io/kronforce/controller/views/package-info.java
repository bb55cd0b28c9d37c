/**
 * The wire views the front doors share: jobs, executions, agents, keys and audit entries in
 * upstream's JSON shapes, so REST and MCP answer alike.
 */
package io.kronforce.controller.views;
