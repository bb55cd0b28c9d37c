/**
 * Use cases every front door calls (REST today, MCP and the dashboard later): validation,
 * authorisation, audit and event emission live here and only here, so no entry point can skip
 * them. Imports domain, store and exec; never Helidon.
 */
package io.kronforce.controller.app;
