package io.kronforce.task.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.testkit.LoadedHandler;
import io.kronforce.task.testkit.ReadmeExample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** check(): pointers to the bad field, no I/O; plus the README example and the ServiceLoader entry. */
class ScriptCheckTest {
    private final ScriptTaskHandler handler = Scripts.handler();

    @Test
    void acceptsAnInlineScriptOrAStoredName() {
        assertEquals(List.of(), handler.check(new ScriptTask(null, "print(1)", null)));
        assertEquals(List.of(), handler.check(new ScriptTask("nightly-report", null, 10L)));
    }

    @Test
    void needsExactlyOneSource() {
        assertEquals(List.of("/script_name"), pointers(new ScriptTask(null, null, null)));
        assertEquals(List.of("/script"), pointers(new ScriptTask("a", "print(1)", null)));
    }

    @Test
    void rejectsBadNamesSyntaxErrorsEmptyOrHugeScriptsAndBadLimits() {
        assertEquals(List.of("/script_name"), pointers(new ScriptTask("../etc", null, null)));
        List<ConfigViolation> syntax = handler.check(new ScriptTask(null, "print(1)\nlet = ;", null));
        assertEquals("/script", syntax.get(0).pointer());
        assertTrue(
                syntax.get(0).message().startsWith("syntax error: ")
                        && syntax.get(0).message().contains("line 2"),
                syntax.get(0).message());
        assertEquals(List.of("/script"), pointers(new ScriptTask(null, "  ", null)));
        assertEquals(
                List.of("/script"),
                pointers(new ScriptTask(null, "1;".repeat(ScriptTaskHandler.MAX_SOURCE_CHARS), null)));
        assertEquals(List.of("/max_operations"), pointers(new ScriptTask("a", null, 0L)));
        assertEquals(List.of("/max_operations"), pointers(new ScriptTask("a", null, ScriptLimits.MAX_OPERATIONS + 1)));
    }

    @Test
    void checkDoesNotRunTheScript() {
        assertEquals(List.of(), handler.check(new ScriptTask(null, "fail('ran'); while (true) {}", null)));
    }

    @Test
    void theReadmeExampleBindsAndPassesCheck() {
        List<ScriptTask> examples = ReadmeExample.tasks("script", ScriptTask.class);
        assertEquals(1, examples.size());
        assertEquals(List.of(), handler.check(examples.get(0)));
        assertEquals(2_000_000L, examples.get(0).max_operations());
    }

    @Test
    void serviceLoaderFindsTheHandler() {
        assertInstanceOf(ScriptTaskHandler.class, LoadedHandler.of("script"));
    }

    private List<String> pointers(ScriptTask task) {
        return handler.check(task).stream().map(ConfigViolation::pointer).toList();
    }
}
