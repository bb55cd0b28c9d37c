package io.kronforce.controller.domain.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a job's runs go. Each kind keeps its wire object whole ({@link #json()}): a target may
 * carry fields the dispatcher reads beside the ones named here, and the stored form is echoed as sent.
 */
public sealed interface Target {
    String type();

    /** The wire object, as stored. Callers must not modify it. */
    ObjectNode json();

    /** The controller itself. */
    record Local(ObjectNode json) implements Target {
        public String type() {
            return "local";
        }
    }

    record Agent(String agentId, ObjectNode json) implements Target {
        public String type() {
            return "agent";
        }
    }

    /** Any live agent carrying {@code tag}. */
    record Tagged(String tag, ObjectNode json) implements Target {
        public String type() {
            return "tagged";
        }
    }

    /** One live agent, whichever is free. */
    record AnyAgent(ObjectNode json) implements Target {
        public String type() {
            return "any";
        }
    }

    /** Every live agent at once. */
    record AllAgents(ObjectNode json) implements Target {
        public String type() {
            return "all";
        }
    }

    /**
     * A remote function called over HTTP.
     *
     * @param secretRef a variable reference such as {@code {{FN_SECRET}}}, never the secret itself
     */
    record Function(String url, String secretRef, ObjectNode json) implements Target {
        public String type() {
            return "function";
        }
    }

    /** Whether a target names the controller itself: none (null), or {@code local}. */
    static boolean isLocal(Target target) {
        return target == null || target instanceof Local;
    }

    /** Reads a stored target object; null for JSON null or absence (the controller runs the job). */
    static Target parse(JsonNode t) {
        if (t == null || t.isNull() || t.isMissingNode()) {
            return null;
        }
        ObjectNode json = (ObjectNode) t.deepCopy();
        String type = json.path("type").asText();
        return switch (type) {
            case "local" -> new Local(json);
            case "agent" -> new Agent(json.path("agent_id").asText(), json);
            case "tagged" -> new Tagged(json.path("tag").asText(), json);
            case "any" -> new AnyAgent(json);
            case "all" -> new AllAgents(json);
            case "function" ->
                new Function(json.path("url").asText(), json.path("secret").asText(), json);
            default -> throw new IllegalArgumentException("stored target has unknown type '" + type + "'");
        };
    }
}
