package io.kronforce.task.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The example job JSON blocks of a handler module's {@code README.md}, so that a test keeps the
 * documentation honest: every {@code ```json} block must parse and bind to the handler's config.
 * Binding mirrors the worker host's HandlerCatalog (snake_case record components, unknown fields
 * ignored), which the controller and every worker use, so an example that binds here binds there.
 */
public final class ReadmeExample {

    private static final ObjectMapper BINDER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ReadmeExample() {}

    /** Every {@code ```json} block of the module's README (tests run with the module as working directory). */
    public static List<JsonNode> blocks() {
        return blocks(Path.of("README.md"));
    }

    /** Every {@code ```json} block of the given Markdown file, parsed. */
    public static List<JsonNode> blocks(Path markdown) {
        List<String> lines;
        try {
            lines = Files.readAllLines(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> found = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null && line.strip().equals("```json")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                found.add(parse(block.toString()));
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return List.copyOf(found);
    }

    /** The README's job examples whose task {@code type} is {@code type}, bound to {@code configType}. */
    public static <C extends Record> List<C> tasks(String type, Class<C> configType) {
        List<C> tasks = new ArrayList<>();
        for (JsonNode block : blocks()) {
            JsonNode task = block.has("task") ? block.get("task") : block;
            if (type.equals(task.path("type").asText())) {
                try {
                    tasks.add(BINDER.treeToValue(task, configType));
                } catch (IOException e) {
                    throw new IllegalStateException("README example does not bind to " + configType.getSimpleName(), e);
                }
            }
        }
        return List.copyOf(tasks);
    }

    private static JsonNode parse(String json) {
        try {
            return BINDER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("README json block does not parse: " + e.getMessage(), e);
        }
    }
}
