package io.kronforce.task.script;

import io.kronforce.task.ConfigViolation;
import java.util.Optional;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EvaluatorException;

/** Compiles a script without running it, so job creation can point at a syntax error. No I/O. */
final class SyntaxCheck {
    private SyntaxCheck() {}

    static Optional<ConfigViolation> problem(SandboxFactory engine, String source, int maxChars) {
        if (source.isBlank()) {
            return Optional.of(new ConfigViolation("/script", "script must not be empty"));
        }
        if (source.length() > maxChars) {
            return Optional.of(new ConfigViolation("/script", "script longer than " + maxChars + " characters"));
        }
        Context cx = engine.enterContext();
        try {
            cx.compileString(source, "script", 1, null);
            return Optional.empty();
        } catch (EvaluatorException e) {
            return Optional.of(new ConfigViolation("/script", "syntax error: " + ScriptTaskHandler.describe(e)));
        } finally {
            Context.exit();
        }
    }
}
