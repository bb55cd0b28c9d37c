package io.kronforce.controller.jobs;

import static io.kronforce.controller.jobs.SpecFields.requireType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kronforce.controller.agents.Targets;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a job's {@code target} field: where a run may go is decided at dispatch by
 * {@link Targets}, but a target that names no agent, tag or reachable function must be refused
 * when the job is saved, not when it first fires.
 */
final class JobTargets {
    private static final List<String> TARGETS = List.of("local", "agent", "tagged", "any", "all", "function");
    /** A function's secret is a variable reference only, so the job itself never holds the secret. */
    private static final Pattern SECRET_REF = Pattern.compile("\\{\\{[A-Za-z0-9_]+}}");

    private JobTargets() {}

    static JsonNode target(JsonNode v) {
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isObject() && v.path("type").isTextual(), "target", "an object with a string 'type'");
        String type = v.get("type").asText();
        if (!TARGETS.contains(type)) {
            throw new KronforceException.InvalidInput(
                    ProblemType.WRONG_SHAPE,
                    "unknown target type '" + type + "'",
                    List.of(new KronforceException.FieldError("/target/type", "unknown target type")));
        }
        if ("agent".equals(type) && !v.path("agent_id").isTextual()) {
            throw new KronforceException.InvalidInput("/target/agent_id", "agent target needs 'agent_id'");
        }
        if ("tagged".equals(type) && !v.path("tag").isTextual()) {
            throw new KronforceException.InvalidInput("/target/tag", "tagged target needs 'tag'");
        }
        if ("function".equals(type)) {
            functionTarget(v);
        }
        return v.deepCopy();
    }

    private static void functionTarget(JsonNode v) {
        String url = v.path("url").asText("");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (!v.path("url").isTextual()
                || uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new KronforceException.InvalidInput("/target/url", "function target needs an absolute http(s) 'url'");
        }
        if (!v.path("secret").isTextual()
                || !SECRET_REF.matcher(v.path("secret").asText()).matches()) {
            throw new KronforceException.InvalidInput(
                    "/target/secret",
                    "function target needs 'secret' as a"
                            + " variable reference such as \"{{FN_SECRET}}\", never the secret itself");
        }
    }
}
