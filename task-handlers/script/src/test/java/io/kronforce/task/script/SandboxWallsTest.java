package io.kronforce.task.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The walls: nothing of Java is reachable from a script, by name, by wrapping or by reflection. */
class SandboxWallsTest {
    private final ScriptTaskHandler handler = Scripts.handler();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "java",
                "Packages",
                "JavaImporter",
                "JavaAdapter",
                "getClass",
                "importPackage",
                "importClass",
                "javax",
                "org",
                "com",
                "load",
                "loadClass",
                "sync",
                "spawn",
                "Continuation"
            })
    void noJavaBridgeIsDefined(String global) throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(handler, "print(typeof " + global + ")", ctx);
        assertEquals("undefined\n", ctx.output().stdoutText());
    }

    @Test
    void systemExitIsUnreachable() throws Exception {
        TaskOutcome outcome = Scripts.run(handler, "java.lang.System.exit(3)", TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(failed.reason().contains("ReferenceError"), failed.reason());
    }

    @Test
    void packagesIsUnreachableEvenThroughTheFunctionConstructorAndTheGlobalObject() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(handler, """
                const g = Function('return this')();
                print(typeof g.Packages, typeof g.java, typeof (function(){}).constructor('return this.java')());
                print(Object.getOwnPropertyNames(g).filter(n => /java|package/i.test(n)).length);
                """, ctx);
        assertEquals("undefined undefined undefined\n0\n", ctx.output().stdoutText());
    }

    @Test
    void aCaughtHostErrorExposesNoJavaExceptionObject() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(handler, """
                try { hex_encode(); } catch (e) {
                  print(typeof e.javaException, typeof e.rhinoException, e instanceof TypeError);
                }
                try { tcp_send('no-port', 'x').error.getClass(); } catch (e) { print(e.name); }
                print(typeof print.getClass, typeof 'text'.getClass, typeof (1).getClass);
                """, ctx);
        assertEquals(
                "undefined undefined true\nTypeError\nundefined undefined undefined\n",
                ctx.output().stdoutText());
    }

    @Test
    void hostFunctionsArePlainFunctionsWithoutJavaMembers() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(
                handler,
                "print(typeof print.body, typeof print.original, Object.keys(shell_exec('true')).join(','))",
                ctx);
        assertEquals(
                "undefined undefined exit_code,stdout,stderr\n", ctx.output().stdoutText());
    }

    @Test
    void aGuardedMethodHidesTheOriginalEvenFromATamperedApply() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = Scripts.run(handler, """
                let stolen = null;
                Function.prototype.apply = function () { stolen = this; };
                Function.prototype.call = function () { stolen = this; };
                'ab'.repeat(2);
                print(stolen === null);
                'x'.repeat(1e9);
                """, ctx);
        assertEquals("true\n", ctx.output().stdoutText());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(failed.reason().contains("RangeError"), failed.reason());
    }
}
