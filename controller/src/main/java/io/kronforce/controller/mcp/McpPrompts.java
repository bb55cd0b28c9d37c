package io.kronforce.controller.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.jobs.JobCatalog;

/**
 * Prompts: ready-made conversations an assistant offers its user. {@code diagnose_failing_job}
 * embeds {@code explain_failure}'s evidence so the first answer already rests on facts;
 * {@code create_job} steers the model through {@code validate_job} before {@code create_job}.
 */
final class McpPrompts {
    private final FailureExplainer explainer;

    McpPrompts(JobCatalog jobs, ExecutionControl executions) {
        this.explainer = new FailureExplainer(jobs, executions);
    }

    ObjectNode list() {
        ObjectNode out = Rpc.object();
        ArrayNode prompts = out.putArray("prompts");
        prompt(
                prompts,
                "diagnose_failing_job",
                "Diagnose a failing job",
                "Explain why a job's latest run failed, from its output and recent changes",
                "job",
                "The job's name or UUID");
        prompt(
                prompts,
                "create_job",
                "Schedule a new job",
                "Turn a plain-language request into a validated Kronforce job",
                "request",
                "What should run, and when");
        return out;
    }

    ObjectNode get(Principal caller, String name, JsonNode arguments) {
        return switch (name) {
            case "diagnose_failing_job" -> diagnose(caller, argument(arguments, "job"));
            case "create_job" ->
                messages(
                        "Create a Kronforce job for this request: " + argument(arguments, "request")
                                + "\nFirst call validate_job with the definition and fix whatever it reports; then call create_job "
                                + "with the same arguments and tell me the job's id and its next fire times (preview_schedule).");
            default -> throw new Rpc.Failure(Rpc.INVALID_PARAMS, "Unknown prompt: " + name);
        };
    }

    private ObjectNode diagnose(Principal caller, String job) {
        ObjectNode ref = Rpc.object();
        ref.put(job.matches("[0-9a-fA-F-]{36}") ? "id" : "name", job);
        try {
            ObjectNode evidence = explainer.explain(caller, new Args(ref));
            return messages("The Kronforce job '" + job + "' failed. Here is the evidence from explain_failure:\n\n"
                    + evidence.toPrettyString() + "\n\nExplain the most likely cause, citing the output lines or "
                    + "the job changes that support it, and propose a fix (use update_job only after I agree).");
        } catch (KronforceException | Args.Bad e) {
            throw new Rpc.Failure(
                    Rpc.INVALID_PARAMS, e instanceof KronforceException k ? ToolCatalog.describe(k) : e.getMessage());
        }
    }

    private static String argument(JsonNode arguments, String name) {
        JsonNode v = arguments == null ? null : arguments.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new Rpc.Failure(Rpc.INVALID_PARAMS, "prompt argument '" + name + "' is required");
        }
        return v.asText();
    }

    private static ObjectNode messages(String text) {
        ObjectNode out = Rpc.object();
        out.putArray("messages")
                .addObject()
                .put("role", "user")
                .putObject("content")
                .put("type", "text")
                .put("text", text);
        return out;
    }

    private static void prompt(
            ArrayNode list, String name, String title, String description, String arg, String argDescription) {
        ObjectNode p = list.addObject().put("name", name).put("title", title).put("description", description);
        p.putArray("arguments")
                .addObject()
                .put("name", arg)
                .put("description", argDescription)
                .put("required", true);
    }
}
