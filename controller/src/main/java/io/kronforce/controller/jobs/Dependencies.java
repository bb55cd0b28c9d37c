package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kronforce.controller.domain.KronforceException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code depends_on} list: its shape, and the rule that the graph stays acyclic. */
public final class Dependencies {
    private Dependencies() {}

    static ArrayNode shape(JsonNode v) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (v == null || v.isNull()) {
            return out;
        }
        SpecFields.requireType(v.isArray(), "depends_on", "an array of {\"job_id\",\"within_secs\"}");
        for (JsonNode d : v) {
            SpecFields.requireType(
                    d.isObject() && d.path("job_id").isTextual(),
                    "depends_on",
                    "an array of {\"job_id\",\"within_secs\"}");
            JsonNode within = d.get("within_secs");
            boolean withinOk = within == null || within.isNull() || (within.isIntegralNumber() && within.asLong() > 0);
            SpecFields.requireType(withinOk, "depends_on", "entries whose within_secs is a positive whole number");
            var entry = out.addObject().put("job_id", d.get("job_id").asText());
            if (within != null && !within.isNull()) {
                entry.put("within_secs", within.asLong());
            } else {
                entry.putNull("within_secs");
            }
        }
        return out;
    }

    /**
     * Refuses a dependency list that would close a cycle through {@code jobId}.
     *
     * @param graph every other job's dependency ids
     */
    static void requireAcyclic(String jobId, List<String> newDeps, Map<String, List<String>> graph) {
        Deque<String> todo = new ArrayDeque<>(newDeps);
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (next.equals(jobId)) {
                throw new KronforceException.InvalidInput("/depends_on", "dependency cycle detected");
            }
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, List.of()));
            }
        }
    }
}
