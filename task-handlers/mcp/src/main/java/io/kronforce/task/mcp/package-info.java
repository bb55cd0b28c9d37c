/** The {@code mcp} task type: one tool call on an external MCP server (SPEC §j.3), through the egress policy. */
package io.kronforce.task.mcp;
