package io.kronforce.controller.firing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.store.ExecutionStore;
import java.util.Optional;

/**
 * The loop guard's bookkeeping. An execution started by an event records the chain depth in its
 * {@code triggered_by} ({@code "depth":n}); a cascade inherits its parent's depth; an event takes
 * the depth of the execution it is about (0 when it is about none). Matching stops at
 * {@link #MAX_DEPTH}, so event triggers cannot loop forever (upstream's can, docs/reference/differences.md row 22).
 * Thread-safe.
 */
public final class TriggerChain {
    /** The longest chain of event-triggered executions one outside event may start. */
    public static final int MAX_DEPTH = 8;

    private final ExecutionStore executions;

    public TriggerChain(ExecutionStore executions) {
        this.executions = executions;
    }

    /** The execution an event is about, if it names one that still exists. */
    public Optional<Execution> origin(Event event) {
        return event.executionId() == null ? Optional.empty() : executions.findById(event.executionId());
    }

    public static int depth(Optional<Execution> origin) {
        return origin.map(e -> depth(e.triggeredBy())).orElse(0);
    }

    static int depth(JsonNode triggeredBy) {
        return triggeredBy == null ? 0 : triggeredBy.path("depth").asInt(0);
    }

    public static ObjectNode byEvent(Event event, int depth) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("type", "event")
                .put("event_id", event.id())
                .put("depth", depth);
    }

    static ObjectNode byDependency(String parentExecutionId, int depth) {
        ObjectNode out = JsonNodeFactory.instance
                .objectNode()
                .put("type", "dependency")
                .put("parent_execution_id", parentExecutionId);
        return depth > 0 ? out.put("depth", depth) : out;
    }
}
