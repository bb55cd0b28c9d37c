package io.kronforce.task.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import org.junit.jupiter.api.Test;

/** The builtins without network: output, failure, sleeping, environment, hex. */
class ScriptBuiltinsTest {
    private final ScriptTaskHandler handler = Scripts.handler();

    @Test
    void printGoesToStdoutWithTheFinalValueAndDebugToStderr() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = Scripts.run(handler, "print('hello', 42); debug('careful'); let x = 6 * 7; x", ctx);
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), outcome);
        assertEquals("hello 42\n42\n", ctx.output().stdoutText());
        assertEquals("careful\n", ctx.output().stderrText());
    }

    @Test
    void anUndefinedFinalValuePrintsNothing() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(handler, "print('only')", ctx);
        assertEquals("only\n", ctx.output().stdoutText());
    }

    @Test
    void aScriptErrorFailsWithExitCode1AndTheLine() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = Scripts.run(handler, "print('before');\nnull.x", ctx);
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertEquals(1, failed.exitCode());
        assertTrue(failed.reason().startsWith("script error: TypeError"), failed.reason());
        assertTrue(failed.reason().endsWith("(line 2)"), failed.reason());
        assertEquals("before\n", ctx.output().stdoutText());
    }

    @Test
    void aThrownValueIsAScriptError() throws Exception {
        TaskOutcome outcome = Scripts.run(handler, "throw new Error('boom')", TestTaskContext.plain());
        assertTrue(((TaskOutcome.Failed) outcome).reason().contains("boom"), outcome::toString);
    }

    @Test
    void failStopsTheScriptWithItsMessageAndCannotBeCaught() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = Scripts.run(
                handler,
                "try { fail('disk almost full') } catch (e) { print('caught') } finally { print('finally') }\nprint('after')",
                ctx);
        assertEquals(new TaskOutcome.Failed(null, "disk almost full", false), outcome);
        assertEquals("", ctx.output().stdoutText());
    }

    @Test
    void sleepMsSleepsAndReturns() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), Scripts.run(handler, "sleep_ms(20); print('woke')", ctx));
        assertEquals("woke\n", ctx.output().stdoutText());
    }

    @Test
    void envVarReadsTheEnvironmentButNotTheControllersOwnSettings() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(handler, "print(env_var('PATH')); print('[' + env_var('NO_SUCH_VARIABLE_HERE') + ']')", ctx);
        assertEquals(System.getenv("PATH") + "\n[]\n", ctx.output().stdoutText());
        assertEquals(
                TaskOutcome.Succeeded.withExitCode(0),
                Scripts.run(handler, "if (env_var('KRONFORCE_ENCRYPTION_KEY') !== '') fail('leaked')", ctx));
    }

    @Test
    void hexHelpersRoundTripAndBadHexDecodesToEmpty() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(
                handler,
                "print(hex_encode('Hi é')); print(hex_decode('48 69 C3A9')); print('[' + hex_decode('zz') + ']')",
                ctx);
        assertEquals("486920c3a9\nHié\n[]\n", ctx.output().stdoutText());
    }

    @Test
    void aMissingArgumentIsACatchableTypeError() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(handler, "try { http_get() } catch (e) { print(e.name) }", ctx);
        assertEquals("TypeError\n", ctx.output().stdoutText());
    }

    @Test
    void shellExecReturnsExitCodeAndBothStreams() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = Scripts.run(
                handler,
                "let r = shell_exec('echo out; echo err >&2; exit 3'); print(r.exit_code, r.stdout.trim(), r.stderr.trim())",
                ctx);
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), outcome);
        assertEquals("3 out err\n", ctx.output().stdoutText());
    }

    @Test
    void aStoredScriptNameWithoutCodeFailsClearly() throws Exception {
        TaskOutcome outcome = handler.run(new ScriptTask("nightly", null, null), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(failed.reason().contains("'nightly' has no code"), failed.reason());
    }
}
