package io.kronforce.worker.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills each secret setting from its {@code _FILE} twin. A file's value loses its trailing line
 * breaks ({@code echo key > file} writes one). Setting both a variable and its {@code _FILE} twin, a
 * file that cannot be read and an empty file are errors: each would otherwise start the host with
 * a different key than the operator meant.
 */
public final class SecretFiles {

    /** The settings that hold keys, of the controller and of the agents and workers. */
    public static final List<String> SECRETS = List.of(
            "KRONFORCE_BOOTSTRAP_ADMIN_KEY",
            "KRONFORCE_BOOTSTRAP_AGENT_KEY",
            "KRONFORCE_ENCRYPTION_KEY",
            "KRONFORCE_UPSTREAM_ENCRYPTION_KEY",
            "KRONFORCE_DISPATCH_KEY",
            "KRONFORCE_AGENT_KEY",
            "KRONFORCE_AI_API_KEY",
            "KRONFORCE_FUNCTION_SECRET");

    private static final String SUFFIX = "_FILE";

    /** A secret setting that cannot be used; the message names the variable, never the value. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private SecretFiles() {}

    /**
     * The environment with every {@code KRONFORCE_<NAME>_FILE} of {@link #SECRETS} replaced by
     * {@code KRONFORCE_<NAME>} holding the file's text. Idempotent: the {@code _FILE} names are gone
     * from the result. A blank variable counts as unset, as the settings read it.
     *
     * @throws Invalid when a variable and its twin are both set, or the file is unreadable or empty
     */
    public static Map<String, String> resolve(Map<String, String> env) {
        Map<String, String> out = null;
        for (String name : SECRETS) {
            String file = env.get(name + SUFFIX);
            if (file == null || file.isBlank()) {
                continue;
            }
            String direct = env.get(name);
            if (direct != null && !direct.isBlank()) {
                throw new Invalid(name + " and " + name + SUFFIX + " are both set; set one");
            }
            if (out == null) {
                out = new HashMap<>(env);
            }
            out.remove(name + SUFFIX);
            out.put(name, read(name + SUFFIX, file.trim()));
        }
        return out == null ? env : Map.copyOf(out);
    }

    private static String read(String variable, String file) {
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new Invalid(
                    variable + ": cannot read '" + file + "' (" + e.getClass().getSimpleName() + ")");
        }
        String value = text.replaceAll("[\\r\\n]+$", "");
        if (value.isBlank()) {
            throw new Invalid(variable + ": '" + file + "' is empty");
        }
        return value;
    }
}
