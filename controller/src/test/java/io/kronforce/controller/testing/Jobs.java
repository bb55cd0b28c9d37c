package io.kronforce.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place job request bodies are built: {@code Jobs.shell("name", "echo hi").cron("0 0 0 1 1 *")}.
 * Defaults are the smallest valid job (on-demand schedule); adding a job field changes this file only.
 */
public final class Jobs {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final ObjectNode body = TestController.JSON.createObjectNode();

    private Jobs(String name, ObjectNode task) {
        body.put("name", name);
        body.set("task", task);
        body.putObject("schedule").put("type", "on_demand");
    }

    /** A unique job name with the given prefix. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet();
    }

    public static Jobs shell(String name, String command) {
        return new Jobs(
                name,
                TestController.JSON.createObjectNode().put("type", "shell").put("command", command));
    }

    public static Jobs http(String name, String method, String url) {
        return new Jobs(
                name,
                TestController.JSON
                        .createObjectNode()
                        .put("type", "http")
                        .put("method", method)
                        .put("url", url));
    }

    /** Upstream's 6-field cron ({@code sec min hour dom month dow}). */
    public Jobs cron(String expression) {
        body.putObject("schedule").put("type", "cron").put("value", expression);
        return this;
    }

    public Jobs timeout(int seconds) {
        body.put("timeout_secs", seconds);
        return this;
    }

    public Jobs group(String group) {
        body.put("group", group);
        return this;
    }

    public Jobs description(String text) {
        body.put("description", text);
        return this;
    }

    public Jobs dependsOn(String jobId) {
        if (!body.has("depends_on")) {
            body.putArray("depends_on");
        }
        body.withArray("depends_on").addObject().put("job_id", jobId);
        return this;
    }

    /** Upstream's {@code output_rules} object (docs/reference/output-rules.md). */
    public Jobs outputRules(JsonNode rules) {
        body.set("output_rules", rules);
        return this;
    }

    /** Sets (or replaces) any field, for cases this builder has no method for. */
    public Jobs with(String field, JsonNode value) {
        body.set(field, value);
        return this;
    }

    public Jobs with(String field, String value) {
        body.put(field, value);
        return this;
    }

    public ObjectNode json() {
        return body.deepCopy();
    }
}
