/**
 * The MCP front door: {@code /mcp} over the Streamable HTTP transport, JSON-RPC by hand with
 * Jackson, and the tool, resource and prompt tables. Every tool is one call into a use case with
 * the caller's principal, so validation, audit and approval gates are the REST ones. Never reaches
 * the store or the REST front door, nor reads the wall clock.
 */
package io.kronforce.controller.mcp;
