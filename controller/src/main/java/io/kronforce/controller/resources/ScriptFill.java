package io.kronforce.controller.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * Copies a stored script into the run copy of a task that names one by {@code script_name}: the
 * code of a {@code script} task goes to {@code script}, the Dockerfile of a {@code docker_build}
 * task to {@code dockerfile}. The handlers stay independent of the controller, and remote workers
 * get the code with the task (upstream's agents could not run these types at all, docs/reference/differences.md row 7).
 * The stored snapshot keeps only the name. Pure apart from the lookup; works on a copy.
 */
public final class ScriptFill {
    /** Task type → the stored script type it takes and the field the code goes into. */
    private static final Map<String, String[]> TARGETS = Map.of(
            "script", new String[] {Scripts.SCRIPT, "script"},
            "docker_build", new String[] {Scripts.DOCKERFILE, "dockerfile"});

    /** The task to run, or why it cannot run. */
    public record Result(ObjectNode task, String blocked) {}

    private ScriptFill() {}

    public static Result apply(ObjectNode task, Scripts scripts) {
        String[] target = TARGETS.get(task.path("type").asText());
        JsonNode name = task.get("script_name");
        if (target == null || name == null || !name.isTextual()) {
            return new Result(task, null);
        }
        Optional<String> code = scripts == null ? Optional.empty() : scripts.code(name.asText(), target[0]);
        if (code.isEmpty()) {
            return new Result(task, target[0] + " script '" + name.asText() + "' not found");
        }
        ObjectNode filled = task.deepCopy();
        filled.put(target[1], code.get());
        return new Result(filled, null);
    }
}
