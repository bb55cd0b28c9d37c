package io.kronforce.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The environment every process a task starts begins with: a short allow-list of the host's
 * variables ({@link #BASE}, plus what {@code KRONFORCE_TASK_ENV_ALLOW} adds) and nothing else.
 * A child would otherwise inherit the host's whole environment, bootstrap keys and the encryption
 * key among them (docs/SECURITY.md, "Tasks and the host"). A {@code KRONFORCE_*} variable never
 * passes, whatever the allow-list says.
 *
 * <p>Immutable and thread-safe.
 */
public final class TaskEnvironment {

    /** The setting that extends {@link #BASE}: a comma list of names, {@code NAME_*} for a prefix. */
    public static final String ALLOW_VARIABLE = "KRONFORCE_TASK_ENV_ALLOW";

    /** What a shell needs to find programs, a home, a locale, a time zone and a temporary directory. */
    public static final List<String> BASE =
            List.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_*", "TZ", "TMPDIR");

    /** The host's own variables: never handed to a task. */
    private static final String OWN_PREFIX = "KRONFORCE_";

    private static final Pattern ENTRY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\*?");

    private final Map<String, String> host;
    private final List<String> patterns;

    private TaskEnvironment(Map<String, String> host, List<String> patterns) {
        this.host = host;
        this.patterns = List.copyOf(patterns);
    }

    /**
     * The environment built from {@code host} (the process's variables) by {@link #BASE} and the
     * entries of {@code allowSetting} (the value of {@value #ALLOW_VARIABLE}; null or blank: none).
     *
     * @throws IllegalArgumentException naming the first entry that is not a variable name or prefix,
     *     or that names a {@code KRONFORCE_} variable
     */
    public static TaskEnvironment of(Map<String, String> host, String allowSetting) {
        List<String> patterns = new ArrayList<>(BASE);
        patterns.addAll(allowList(allowSetting));
        return new TaskEnvironment(Map.copyOf(Objects.requireNonNull(host, "host")), patterns);
    }

    /** This process's environment with the allow-list it names itself. */
    public static TaskEnvironment ofThisProcess() {
        Map<String, String> env = System.getenv();
        return of(env, env.get(ALLOW_VARIABLE));
    }

    /**
     * Parses {@value #ALLOW_VARIABLE}: names ({@code JAVA_HOME}) or prefixes ({@code PROXY_*}), comma
     * separated. Hosts check it at start so a typo stops the start rather than a task.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static List<String> allowList(String allowSetting) {
        List<String> entries = new ArrayList<>();
        if (allowSetting == null) {
            return entries;
        }
        for (String raw : allowSetting.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (!ENTRY.matcher(entry).matches()) {
                throw new IllegalArgumentException(
                        ALLOW_VARIABLE + " entries are variable names or NAME_* prefixes, got '" + entry + "'");
            }
            if (entry.startsWith(OWN_PREFIX)) {
                throw new IllegalArgumentException(
                        ALLOW_VARIABLE + " cannot pass Kronforce's own variables to tasks, got '" + entry + "'");
            }
            entries.add(entry);
        }
        return entries;
    }

    /** The same environment with more of the host's variables let through (a CLI's own, say). */
    public TaskEnvironment including(List<String> more) {
        List<String> all = new ArrayList<>(patterns);
        all.addAll(more);
        return new TaskEnvironment(host, all);
    }

    /** The variables a task's process starts with, sorted by name. */
    public Map<String, String> variables() {
        Map<String, String> out = new TreeMap<>();
        host.forEach((name, value) -> {
            if (!name.startsWith(OWN_PREFIX) && allowed(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    /** One variable as a task sees it: empty when the allow-list keeps it out. */
    public Optional<String> get(String name) {
        return name.startsWith(OWN_PREFIX) || !allowed(name) ? Optional.empty() : Optional.ofNullable(host.get(name));
    }

    /** Replaces the builder's inherited environment with {@link #variables()}; returns the builder. */
    public ProcessBuilder applyTo(ProcessBuilder builder) {
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(variables());
        return builder;
    }

    private boolean allowed(String name) {
        for (String p : patterns) {
            if (p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1)) : name.equals(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        // Names only: values may be anything the host holds.
        return "TaskEnvironment" + patterns;
    }
}
