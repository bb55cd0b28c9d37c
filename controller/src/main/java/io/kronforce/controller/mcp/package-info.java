/**
 * The MCP front door: {@code /mcp} over the Streamable HTTP transport, JSON-RPC by hand with
 * Jackson, and the tool, resource and prompt tables. Every tool is one call into {@code app} with
 * the caller's principal, so validation, audit and approval gates are the REST ones. Must not
 * import the store's {@code Database}/{@code Sql} or {@code java.sql}, nor read the wall clock.
 */
package io.kronforce.controller.mcp;
