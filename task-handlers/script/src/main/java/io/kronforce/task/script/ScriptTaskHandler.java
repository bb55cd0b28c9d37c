package io.kronforce.task.script;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskEnvironment;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

/**
 * Runs a {@code script} task: JavaScript in an embedded Rhino sandbox with upstream's builtins
 * (docs/decisions/0026-script-engine.md). Stdout is what the script prints plus its final value;
 * {@code debug} goes to stderr. A script error fails with exit code 1, {@code fail(msg)} fails
 * with the message, and a limit stops the run as a failure naming it. Cancellation and the job's
 * deadline end the run with {@link InterruptedException}.
 *
 * <p>Thread-safe; one instance serves every concurrent run, each in its own scope.
 */
public final class ScriptTaskHandler implements TaskHandler<ScriptTask> {
    static final int MAX_SOURCE_CHARS = 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final EgressPolicy egress;
    private final ScriptLimits limits;
    private final TaskEnvironment environment;
    private final SandboxFactory engine = new SandboxFactory();
    private volatile HttpClient http;

    /**
     * A handler whose builtins reach only what {@code settings.egress()} allows and whose
     * {@code shell_exec} processes start with {@code settings.taskEnvironment()}.
     */
    public ScriptTaskHandler(HandlerSettings settings) {
        this(settings.egress(), ScriptLimits.defaults(), settings.taskEnvironment());
    }

    ScriptTaskHandler(EgressPolicy egress, ScriptLimits limits) {
        this(egress, limits, TaskEnvironment.ofThisProcess());
    }

    ScriptTaskHandler(EgressPolicy egress, ScriptLimits limits, TaskEnvironment environment) {
        this.egress = Objects.requireNonNull(egress, "egress");
        this.limits = limits;
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public String type() {
        return "script";
    }

    @Override
    public Class<ScriptTask> configType() {
        return ScriptTask.class;
    }

    @Override
    public List<ConfigViolation> check(ScriptTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        boolean named = task.script_name() != null;
        boolean inline = task.script() != null;
        if (named == inline) {
            problems.add(new ConfigViolation(
                    named ? "/script" : "/script_name",
                    named ? "give script_name or script, not both" : "script_name or script is required"));
        }
        if (named && !NAME.matcher(task.script_name()).matches()) {
            problems.add(new ConfigViolation("/script_name", "script_name must be 1-100 letters, digits, '_' or '-'"));
        }
        if (inline) {
            SyntaxCheck.problem(engine, task.script(), MAX_SOURCE_CHARS).ifPresent(problems::add);
        }
        Long ops = task.max_operations();
        if (ops != null && (ops < 1 || ops > ScriptLimits.MAX_OPERATIONS)) {
            problems.add(new ConfigViolation(
                    "/max_operations", "max_operations must be between 1 and " + ScriptLimits.MAX_OPERATIONS));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(ScriptTask task, TaskContext ctx) throws InterruptedException {
        if (task.script() == null) {
            String name = task.script_name() == null ? "" : " '" + task.script_name() + "'";
            return new TaskOutcome.Failed(
                    null,
                    "script" + name + " has no code: stored scripts are filled in by the "
                            + "controller before the run",
                    false);
        }
        Long ops = task.max_operations();
        if (ops != null && (ops < 1 || ops > ScriptLimits.MAX_OPERATIONS)) {
            return new TaskOutcome.Failed(null, "invalid script task: /max_operations out of range", false);
        }
        return ScriptThread.run("script-" + ctx.executionId(), () -> evaluate(task, ctx));
    }

    /** Runs the script on the current (platform) thread. */
    private TaskOutcome evaluate(ScriptTask task, TaskContext ctx) throws InterruptedException {
        RunBudget budget = new RunBudget(limits.forTask(task), ctx.deadline(), ctx.clock());
        SandboxFactory.SandboxContext cx = (SandboxFactory.SandboxContext) engine.enterContext();
        try {
            cx.budget(budget);
            ScriptableObject scope = Sandbox.scope(cx, new ScriptRun(ctx, budget, egress, http(), environment));
            Object result = cx.evaluateString(scope, task.script(), sourceName(task), 1, null);
            if (result != null && !Undefined.isUndefined(result)) {
                String text = Context.toString(result);
                budget.chargeOutput(text.length() + 1);
                ctx.output().stdout(text + "\n");
            }
            return TaskOutcome.Succeeded.withExitCode(0);
        } catch (ScriptStop stop) {
            return stopped(stop, budget);
        } catch (RhinoException e) {
            return new TaskOutcome.Failed(1, "script error: " + describe(e), false);
        } catch (RuntimeException e) {
            // The engine's own limits surfacing as Java errors (e.g. a string longer than an int can count).
            return new TaskOutcome.Failed(
                    1,
                    "script error: the engine refused an operation ("
                            + e.getClass().getSimpleName() + ")",
                    false);
        } catch (StackOverflowError e) {
            return new TaskOutcome.Failed(1, "script error: too much recursion", false);
        } catch (OutOfMemoryError e) {
            // One operation asked for more than the heap has (a huge string); it failed before using it.
            return new TaskOutcome.Failed(1, "script error: out of memory building a value", false);
        } finally {
            cx.budget(null);
            Context.exit();
        }
    }

    private static TaskOutcome stopped(ScriptStop stop, RunBudget budget) throws InterruptedException {
        return switch (stop.why()) {
            case INTERRUPTED -> throw new InterruptedException("script stopped");
            case DEADLINE -> {
                if (budget.isJobDeadline()) {
                    throw new InterruptedException("deadline passed");
                }
                yield new TaskOutcome.Failed(null, stop.getMessage(), false);
            }
            case FAILED -> new TaskOutcome.Failed(null, stop.getMessage(), false);
            case OPERATIONS, MEMORY, OUTPUT -> new TaskOutcome.Failed(1, stop.getMessage(), false);
        };
    }

    static String describe(RhinoException e) {
        String where = e.lineNumber() > 0 ? " (line " + e.lineNumber() + ")" : "";
        return e.details() + where;
    }

    private static String sourceName(ScriptTask task) {
        return task.script_name() == null ? "script" : task.script_name();
    }

    /** Built on first use: providers must not start threads, and HttpClient starts a selector thread. */
    private HttpClient http() {
        HttpClient built = http;
        if (built == null) {
            synchronized (this) {
                built = http;
                if (built == null) {
                    built = HttpClient.newBuilder()
                            .connectTimeout(NetBuiltins.SOCKET_TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NEVER) // a redirect target would skip the egress check
                            .executor(Executors.newVirtualThreadPerTaskExecutor())
                            .build();
                    http = built;
                }
            }
        }
        return built;
    }
}
