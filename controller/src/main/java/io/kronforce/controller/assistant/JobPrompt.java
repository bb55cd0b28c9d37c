package io.kronforce.controller.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The instructions sent with every generation: the create-job request's JSON Schema
 * ({@code job-schema.json} beside this class) and the task types this controller has handlers for,
 * each with its fields as its handler binds them (the components of its config record are the
 * task's wire fields). Built once per assistant; immutable.
 */
final class JobPrompt {
    private final String text;

    JobPrompt(Map<String, Class<? extends Record>> taskTypes) {
        this.text = resource("system-prompt.txt")
                .replace("{{JOB_SCHEMA}}", resource("job-schema.json").strip())
                .replace("{{TASK_TYPES}}", describe(taskTypes));
    }

    String text() {
        return text;
    }

    /** One line per type: {@code - shell: {"type": "shell", "command": string, "working_dir": string}}. */
    static String describe(Map<String, Class<? extends Record>> taskTypes) {
        return taskTypes.entrySet().stream()
                .map(e -> "- " + e.getKey() + ": {\"type\": \"" + e.getKey() + "\""
                        + fields(e.getValue().getRecordComponents()) + "}")
                .collect(Collectors.joining("\n"));
    }

    private static String fields(RecordComponent[] components) {
        StringBuilder out = new StringBuilder();
        for (RecordComponent c : components) {
            out.append(", \"").append(c.getName()).append("\": ").append(jsonType(c.getGenericType()));
        }
        return out.toString();
    }

    /** The JSON type a Java component binds from. */
    static String jsonType(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class || raw.isEnum()) {
            return "string";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "boolean";
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            return "number";
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            return "array";
        }
        return "object";
    }

    private static String resource(String name) {
        try (InputStream in = JobPrompt.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + JobPrompt.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
