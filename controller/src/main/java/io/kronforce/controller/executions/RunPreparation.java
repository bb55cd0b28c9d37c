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
 * (docs/reference/variables-and-secrets.md#placeholders). The stored snapshot gets the parameters and plain variables
 * but keeps secret placeholders as written, so no secret value is ever stored; the task that runs gets everything,
 * secrets decrypted (upstream substituted ciphertext). Thread-safe.
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

    /** A new {@code pending} row for {@code job}, created at {@code nowMs}, with its resolved task. */
    public PreparedRun prepare(Job job, JsonNode given, ObjectNode triggeredBy, long nowMs) {
        // A run nobody passed params to (scheduler, reactions) gets the declared defaults.
        JsonNode params = given != null ? given : Parameters.defaults(job.spec().parameters());
        Variables.Resolved vars = variables.resolved();
        Map<String, String> values = vars.values();
        Set<String> secrets = vars.secretNames();
        Placeholders.Resolution snapshot = Placeholders.resolve(
                job.task(), params, name -> secrets.contains(name) ? null : values.get(name), secrets);
        Placeholders.Resolution full = Placeholders.resolve(job.task(), params, values::get, Set.of());
        Execution row = Execution.pending(
                job.id(), snapshot.task(), triggeredBy, params == null || params.isNull() ? null : params, nowMs);
        return withConnection(row, full.task(), secrets, values, sorted(full.unresolved()));
    }

    /**
     * A stored row made runnable: its snapshot already holds parameters and plain variables, so
     * only the secret placeholders are left to fill, with the secrets' current values.
     */
    public PreparedRun restore(Execution stored) {
        Variables.Resolved vars = variables.resolved();
        Map<String, String> values = vars.values();
        Placeholders.Resolution full =
                Placeholders.resolve((ObjectNode) stored.taskSnapshot(), null, values::get, Set.of());
        return withConnection(stored, full.task(), vars.secretNames(), values, sorted(full.unresolved()));
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
        Placeholders.Resolution r = Placeholders.resolve(holder, null, values::get, Set.of());
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
