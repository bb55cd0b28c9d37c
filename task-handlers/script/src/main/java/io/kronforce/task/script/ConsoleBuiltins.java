package io.kronforce.task.script;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ScriptableObject;

/**
 * The builtins without I/O beyond the task's output: {@code print}, {@code debug}, {@code fail},
 * {@code sleep_ms}, {@code env_var}, {@code hex_encode} and {@code hex_decode}.
 */
final class ConsoleBuiltins {
    private ConsoleBuiltins() {}

    static void install(ScriptableObject scope, ScriptRun run) {
        HostFunction.define(scope, "print", 1, (cx, s, args) -> {
            String line = line(args);
            run.budget().chargeOutput(line.length() + 1);
            run.ctx().output().stdout(line + "\n");
            return null;
        });
        HostFunction.define(scope, "debug", 1, (cx, s, args) -> {
            String line = line(args);
            run.budget().chargeOutput(line.length() + 1);
            run.ctx().output().stderr(line + "\n");
            return null;
        });
        HostFunction.define(scope, "fail", 1, (cx, s, args) -> {
            String message = args.length == 0 ? "script called fail()" : Context.toString(args[0]);
            throw new ScriptStop(ScriptStop.Cause.FAILED, message);
        });
        HostFunction.define(scope, "sleep_ms", 1, (cx, s, args) -> {
            sleep(run.budget(), args.length == 0 ? 0 : Context.toNumber(args[0]));
            return null;
        });
        HostFunction.define(scope, "env_var", 1, (cx, s, args) -> {
            String name = HostFunction.text(args, 0, "env_var");
            // What a shell_exec process would see: the host's own variables stay out of reach.
            return run.environment().get(name).orElse("");
        });
        HostFunction.define(
                scope,
                "hex_encode",
                1,
                (cx, s, args) ->
                        Hex.encode(HostFunction.text(args, 0, "hex_encode").getBytes(StandardCharsets.UTF_8)));
        HostFunction.define(scope, "hex_decode", 1, (cx, s, args) -> {
            try {
                return new String(Hex.decode(HostFunction.text(args, 0, "hex_decode")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return ""; // upstream's answer to bad hex
            }
        });
    }

    private static String line(Object[] args) {
        return Arrays.stream(args).map(Context::toString).collect(Collectors.joining(" "));
    }

    /** Sleeps, but never past the deadline: a sleep that would cross it ends the run there. */
    private static void sleep(RunBudget budget, double millis) throws InterruptedException {
        if (!(millis > 0)) {
            return;
        }
        Duration asked = Duration.ofMillis((long) Math.min(millis, Long.MAX_VALUE / 2.0));
        Duration allowed = budget.timeLeft(asked);
        Thread.sleep(allowed);
        if (allowed.compareTo(asked) < 0) {
            throw budget.deadlinePassed();
        }
    }
}
