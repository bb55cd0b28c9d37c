package io.kronforce.controller.web;

/**
 * A surface served beside REST on the same server and port (MCP, the dashboard): it puts its routes
 * in the same table, behind the same authentication.
 */
@FunctionalInterface
public interface FrontDoor {
    void register(Routes routes);
}
