package io.kronforce.controller.access;

/**
 * Which front door a recorded change came through, read from the actor name the door marked:
 * MCP appends {@code (via MCP)}, a dashboard session {@code (via dashboard)}; a change with no
 * actor is the controller's own.
 */
public final class Via {
    private Via() {}

    /** {@code mcp}, {@code dashboard}, {@code api} or {@code system}. */
    public static String of(String actorName) {
        if (actorName == null) {
            return "system";
        }
        if (actorName.endsWith("(via MCP)")) {
            return "mcp";
        }
        return actorName.endsWith(Sessions.VIA) ? "dashboard" : "api";
    }

    /** The actor-name ending a {@code via} filter value selects: {@code dashboard} or {@code mcp}; else empty. */
    public static java.util.Optional<String> suffix(String via) {
        return switch (via) {
            case "dashboard" -> java.util.Optional.of(Sessions.VIA.trim());
            case "mcp" -> java.util.Optional.of("(via MCP)");
            default -> java.util.Optional.empty();
        };
    }
}
