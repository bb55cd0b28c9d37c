/**
 * The {@code mcp} task type: one tool call on an external MCP server (docs/reference/mcp.md#the-mcp-task), through the
 * egress policy.
 */
package io.kronforce.task.mcp;
