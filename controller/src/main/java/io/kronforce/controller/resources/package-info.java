/**
 * What tasks name and the controller keeps for them: variables (secret ones sealed with
 * AES-256-GCM), named connections, stored scripts, runtime settings, placeholder substitution and
 * MCP tool discovery for building {@code mcp} tasks.
 */
package io.kronforce.controller.resources;
