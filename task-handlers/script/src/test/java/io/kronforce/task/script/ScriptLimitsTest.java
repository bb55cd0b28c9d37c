package io.kronforce.task.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.BackgroundRun;
import io.kronforce.task.testkit.TestTaskContext;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bounds: operations, allocation, string size, output, the deadline and cancellation. */
class ScriptLimitsTest {
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @Test
    void theOperationLimitStopsAnInfiniteLoopThatTriesToCatchIt() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = Scripts.run(
                Scripts.handler(),
                "try { while (true) {} } catch (e) { print('caught') } finally { print('finally') }",
                ctx);
        assertEquals(new TaskOutcome.Failed(1, "script exceeded its operation limit of 1000000", false), outcome);
        assertEquals("", ctx.output().stdoutText());
    }

    @Test
    void theTaskSetsItsOwnOperationLimit() throws Exception {
        TaskOutcome small = Scripts.handler()
                .run(new ScriptTask(null, "for (let i = 0; i < 1e6; i++) {}", 5_000L), TestTaskContext.plain());
        assertEquals(new TaskOutcome.Failed(1, "script exceeded its operation limit of 5000", false), small);
        TaskOutcome enough = Scripts.handler()
                .run(new ScriptTask(null, "for (let i = 0; i < 1e6; i++) {}", 50_000_000L), TestTaskContext.plain());
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), enough);
    }

    @Test
    void unboundedRecursionIsAScriptError() throws Exception {
        TaskOutcome outcome =
                Scripts.run(Scripts.handler(), "function f(n) { return f(n + 1) + 1 } f(0)", TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertEquals(1, failed.exitCode());
    }

    @Test
    void theAllocationBudgetStopsAScriptThatHoardsMemory() throws Exception {
        TaskOutcome outcome = Scripts.run(
                Scripts.tight(64L * 1024 * 1024, 1 << 20, 1 << 20),
                "const hoard = []; while (true) hoard.push('x'.repeat(100000) + hoard.length);",
                TestTaskContext.plain());
        assertEquals(
                new TaskOutcome.Failed(1, "script exceeded its memory budget of 64 MiB allocated", false), outcome);
    }

    @Test
    void theAllocationBudgetHoldsWhenTheHostRunsTheHandlerOnAVirtualThread() throws Exception {
        java.util.concurrent.atomic.AtomicReference<TaskOutcome> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread host = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(Scripts.run(
                        Scripts.tight(64L * 1024 * 1024, 1 << 20, 1 << 20),
                        "const hoard = []; while (true) hoard.push('y'.repeat(100000) + hoard.length);",
                        TestTaskContext.plain()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(host.join(GENEROUS), "the run did not end");
        assertEquals(
                new TaskOutcome.Failed(1, "script exceeded its memory budget of 64 MiB allocated", false),
                outcome.get());
    }

    @Test
    void builtinsThatCouldBuildAHugeValueInOneStepAreRefused() throws Exception {
        ScriptTaskHandler handler = Scripts.tight(1L << 30, 1000, 1 << 20);
        for (String source : new String[] {
            "'ab'.repeat(501)",
            "'a'.padStart(1001)",
            "'a'.padEnd(5000)",
            "new Array(2000).join('-')",
            "new Array(5000).fill(0)",
            "new Array(1e8).toLocaleString()",
            "Array.from({length: 1e9})",
            "String(new Array(1e9))",
            "JSON.stringify(new Array(1e8))",
            "[1].concat(new Array(1e9))",
            "new Array(1e9).concat([1])"
        }) {
            TaskOutcome outcome = Scripts.run(handler, source, TestTaskContext.plain());
            TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome, source);
            assertTrue(failed.reason().contains("RangeError"), source + ": " + failed.reason());
        }
        assertEquals(
                TaskOutcome.Succeeded.withExitCode(0),
                Scripts.run(
                        handler,
                        "'ab'.repeat(500); new Array(10).join(','); [1,2].fill(0); Array.from('abc');"
                                + " [1].concat([2], 3); JSON.stringify({a: [1, 2]})",
                        TestTaskContext.plain()));
    }

    @Test
    void typedArraysWhichAllocateTheirSizeAtOnceDoNotExist() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(
                Scripts.handler(),
                "print(typeof ArrayBuffer, typeof Uint8Array, typeof Float64Array, typeof DataView)",
                ctx);
        assertEquals("undefined undefined undefined undefined\n", ctx.output().stdoutText());
    }

    @Test
    void aStringDoubledPastTheHeapFailsTheScriptNotTheProcess() throws Exception {
        TaskOutcome outcome = Scripts.run(
                Scripts.handler(),
                "let s = 'x'; for (let i = 0; i < 40; i++) s += s; s.indexOf('y')",
                TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertEquals(1, failed.exitCode(), failed.reason());
    }

    @Test
    void printingPastTheOutputLimitStopsTheScript() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome =
                Scripts.run(Scripts.tight(1L << 30, 1 << 20, 100), "while (true) print('0123456789')", ctx);
        assertEquals(new TaskOutcome.Failed(1, "script printed more than 100 characters", false), outcome);
        assertTrue(ctx.output().stdoutText().length() <= 100);
    }

    @Test
    void theJobDeadlineStopsASleepLoop() throws Exception {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(500));
        BackgroundRun run =
                BackgroundRun.start(() -> Scripts.run(Scripts.handler(), "while (true) { sleep_ms(50); }", ctx));
        assertTrue(run.finishes(GENEROUS), "the run did not stop at its deadline");
        assertInstanceOf(InterruptedException.class, run.result());
    }

    @Test
    void theJobDeadlineStopsABusyLoopUnderALargeOperationLimit() throws Exception {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(500));
        BackgroundRun run = BackgroundRun.start(
                () -> Scripts.handler().run(new ScriptTask(null, "while (true) {}", ScriptLimits.MAX_OPERATIONS), ctx));
        assertTrue(run.finishes(GENEROUS), "the run did not stop at its deadline");
        assertInstanceOf(InterruptedException.class, run.result());
    }

    @Test
    void catastrophicRegexBacktrackingIsCountedAndStopped() throws Exception {
        String redos = "/^(a+)+$/.test('a'.repeat(45) + 'b')";
        TaskOutcome limited = Scripts.run(Scripts.handler(), redos, TestTaskContext.plain());
        assertEquals(new TaskOutcome.Failed(1, "script exceeded its operation limit of 1000000", false), limited);
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(500));
        // Backtracking allocates too: lift the allocation budget so only the deadline can stop it.
        ScriptTaskHandler unbudgeted = Scripts.tight(Long.MAX_VALUE, 1 << 20, 1 << 20);
        BackgroundRun run = BackgroundRun.start(
                () -> unbudgeted.run(new ScriptTask(null, redos, ScriptLimits.MAX_OPERATIONS), ctx));
        assertTrue(run.finishes(GENEROUS), "the regex did not stop at the deadline");
        assertInstanceOf(InterruptedException.class, run.result(), () -> String.valueOf(run.result()));
    }

    @Test
    void withoutAJobTimeoutTheDefaultLimitAppliesAndIsReportedAsAFailure() throws Exception {
        ScriptTaskHandler handler = new ScriptTaskHandler(
                Scripts.LOOPBACK, new ScriptLimits(1_000_000, 1L << 30, 1 << 20, 1 << 20, Duration.ofMillis(300)));
        TaskOutcome outcome = Scripts.run(handler, "sleep_ms(60000)", TestTaskContext.plain());
        assertEquals(new TaskOutcome.Failed(null, "script timed out after 0s", false), outcome);
    }

    @Test
    void anInterruptCancelsABusyLoopAndASleep() throws Exception {
        for (String source : new String[] {"while (true) {}", "sleep_ms(60000)"}) {
            BackgroundRun run = BackgroundRun.start(() -> Scripts.handler()
                    .run(new ScriptTask(null, source, ScriptLimits.MAX_OPERATIONS), TestTaskContext.plain()));
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(100)).until(() -> true);
            run.interrupt();
            assertTrue(run.finishes(GENEROUS), source + " did not stop on interrupt");
            assertInstanceOf(InterruptedException.class, run.result(), source);
        }
    }
}
