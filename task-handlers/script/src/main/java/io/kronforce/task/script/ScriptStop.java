package io.kronforce.task.script;

/**
 * Ends a script from inside the engine. An {@link Error} on purpose: Rhino lets neither a
 * script's {@code catch} nor its {@code finally} run for one (without the enhanced-Java-access
 * feature, which the sandbox leaves off), so a script cannot swallow its own stop.
 */
final class ScriptStop extends Error {
    private static final long serialVersionUID = 1L;

    /** Why the script was stopped. */
    enum Cause {
        OPERATIONS,
        MEMORY,
        OUTPUT,
        DEADLINE,
        INTERRUPTED,
        FAILED
    }

    private final Cause cause;

    ScriptStop(Cause cause, String message) {
        super(message, null, false, false);
        this.cause = cause;
    }

    Cause why() {
        return cause;
    }
}
