package io.kronforce.controller.executions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.exec.SecretMask;
import io.kronforce.controller.jobs.Parameters;
import io.kronforce.controller.resources.ConnectionMerge;
import io.kronforce.controller.resources.ConnectionTypes;
import io.kronforce.controller.resources.Connections;
import io.kronforce.controller.resources.Placeholders;
import io.kronforce.controller.resources.ScriptFill;
import io.kronforce.controller.resources.Scripts;
import io.kronforce.controller.resources.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code {{params.NAME}}} and {@code {{VAR}}} placeholders for a run
 * (docs/reference/variables-and-secrets.md#placeholders). The stored snapshot is the task as written (no
 * parameter, variable or secret value is stored in it); the task that runs gets everything, secrets decrypted
 * (upstream substituted ciphertext), in one pass on every path, so a trigger value is never read as a
 * placeholder. Thread-safe.
 */
public final class RunPreparation {
    private final Variables variables;
    private final Connections connections;
    private final Scripts scripts;

    /**
     * @param connections named connections, merged into the tasks that name one
     * @param scripts stored scripts, copied into the script and docker_build tasks that name one
     */
    public RunPreparation(Variables variables, Connections connections, Scripts scripts) {
        this.variables = variables;
        this.connections = connections;
        this.scripts = scripts;
    }

    /**
     * A new {@code pending} row for {@code job}, created at {@code nowMs}, with its resolved task. The row
     * stores the task as written, which every later start of it resolves again in one pass
     * ({@link #restore}): substituted text is never scanned a second time.
     */
    public PreparedRun prepare(Job job, JsonNode given, ObjectNode triggeredBy, long nowMs) {
        // A run nobody passed params to (scheduler, reactions) gets the declared defaults.
        JsonNode params = given != null ? given : Parameters.defaults(job.spec().parameters());
        Execution row = Execution.pending(
                job.id(), job.task().deepCopy(), triggeredBy, params == null || params.isNull() ? null : params, nowMs);
        return resolved(row);
    }

    /**
     * A stored row made runnable (approved, queued, claimed by an agent, resumed after a restart):
     * its snapshot is the task as written and its params are the trigger's, so this is the same
     * single pass as a direct run, with the variables' current values.
     */
    public PreparedRun restore(Execution stored) {
        return resolved(stored);
    }

    private PreparedRun resolved(Execution row) {
        Variables.Resolved vars = variables.resolved();
        Map<String, String> values = vars.values();
        Placeholders.Resolution full = Placeholders.resolve((ObjectNode) row.taskSnapshot(), row.params(), values::get);
        PreparedRun run = withConnection(row, full.task(), vars.secretNames(), values, sorted(full.unresolved()));
        if (run.blocked() == null && !full.refused().isEmpty()) {
            return new PreparedRun(
                    row,
                    run.runTask(),
                    run.mask(),
                    run.unresolved(),
                    "parameter(s) that cannot be written as data where they stand (a SQL literal or comment, a shell"
                            + " here-document, a line break in a header, more than a plain token in a Dockerfile): "
                            + String.join(", ", full.refused()));
        }
        return run;
    }

    /**
     * Fills the run copy from the task's stored script ({@link ScriptFill}) and from its named
     * connection, if it names them; the stored snapshot keeps only the names. The connection's secret values join the mask, so output that echoes
     * them is masked like a secret variable.
     */
    private PreparedRun withConnection(
            Execution row,
            ObjectNode resolved,
            Set<String> secrets,
            Map<String, String> values,
            List<String> unresolved) {
        List<String> masked = secretValues(secrets, values);
        ScriptFill.Result filled = ScriptFill.apply(resolved, scripts);
        ObjectNode task = filled.task();
        if (filled.blocked() != null) {
            return new PreparedRun(row, task, new SecretMask(masked), unresolved, filled.blocked());
        }
        JsonNode name = task.get("connection");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            return new PreparedRun(row, task, new SecretMask(masked), unresolved, null);
        }
        Optional<Connections.Plain> found = connections.config(name.asText());
        if (found.isEmpty()) {
            return new PreparedRun(
                    row, task, new SecretMask(masked), unresolved, "connection '" + name.asText() + "' not found");
        }
        masked.addAll(
                ConnectionTypes.secrets(found.get().type()).values(found.get().config()));
        return new PreparedRun(
                row,
                ConnectionMerge.merge(task, found.get().type(), found.get().config()),
                new SecretMask(masked),
                unresolved,
                null);
    }

    /**
     * A text with its {@code {{NAME}}} placeholders filled from the variables, secrets included;
     * empty when one has no value.
     */
    public Optional<String> resolveText(String text) {
        Map<String, String> values = variables.resolved().values();
        ObjectNode holder = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("text", text);
        Placeholders.Resolution r = Placeholders.resolve(holder, null, values::get);
        return r.unresolved().isEmpty() ? Optional.of(r.task().path("text").asText()) : Optional.empty();
    }

    private static List<String> sorted(java.util.Collection<String> names) {
        return names.isEmpty() ? List.of() : names.stream().sorted().toList();
    }

    private static List<String> secretValues(Set<String> secrets, Map<String, String> values) {
        List<String> secretValues = new ArrayList<>();
        secrets.forEach(s -> Optional.ofNullable(values.get(s)).ifPresent(secretValues::add));
        return secretValues;
    }
}
