package io.kronforce.task.shell;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.OutputSink;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskEnvironment;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs a {@code shell} task: {@code sh -c <command>}, optionally inside {@code working_dir} and,
 * when the host asks for another user, through {@code sudo -n -u <user>}. Stdout and stderr are
 * forwarded as they arrive. Cancellation and timeouts kill the whole process tree. The process
 * starts with the {@link TaskEnvironment}, not the host's environment.
 *
 * <p>Stateless and thread-safe: one instance serves every concurrent run.
 */
public final class ShellTaskHandler implements TaskHandler<ShellTask> {

    /** Account names handed to sudo: no spaces, no shell metacharacters. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** How long the output readers get to drain once the process (tree) is gone. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private final TaskEnvironment environment;

    /** A handler whose processes start with this process's {@link TaskEnvironment}. */
    public ShellTaskHandler() {
        this(TaskEnvironment.ofThisProcess());
    }

    /** A handler whose processes start with {@code environment}. */
    public ShellTaskHandler(TaskEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public String type() {
        return "shell";
    }

    @Override
    public Class<ShellTask> configType() {
        return ShellTask.class;
    }

    @Override
    public List<ConfigViolation> check(ShellTask config) {
        List<ConfigViolation> problems = new ArrayList<>();
        String command = config.command();
        if (command == null || command.isBlank()) {
            problems.add(new ConfigViolation("/command", "command must not be empty"));
        } else if (command.indexOf('\0') >= 0) {
            // The OS cannot pass a NUL inside an argument; fail at save time rather than at run time.
            problems.add(new ConfigViolation("/command", "command must not contain a NUL character"));
        }
        if (config.working_dir() != null && config.working_dir().indexOf('\0') >= 0) {
            problems.add(new ConfigViolation("/working_dir", "working_dir must not contain a NUL character"));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(ShellTask config, TaskContext ctx) throws InterruptedException {
        Optional<String> user = ctx.runAs();
        if (user.isPresent() && !USER_NAME.matcher(user.get()).matches()) {
            return new TaskOutcome.Failed(null, "refusing to run as invalid user name '" + user.get() + "'", false);
        }
        Process process;
        try {
            process = environment
                    .applyTo(new ProcessBuilder(commandLine(config, user)))
                    .start();
        } catch (IOException | RuntimeException e) {
            // RuntimeException: a null command that skipped check() is still a spawn failure, not a crash.
            return new TaskOutcome.Failed(null, "failed to spawn process: " + e.getMessage(), false);
        }
        return supervise(process, ctx.output());
    }

    /** The argv to start: {@code [sudo -n -u user] sh -c script}. */
    static List<String> commandLine(ShellTask config, Optional<String> user) {
        List<String> argv = new ArrayList<>();
        user.ifPresent(name -> argv.addAll(List.of("sudo", "-n", "-u", name)));
        argv.addAll(List.of("sh", "-c", script(config)));
        return argv;
    }

    /**
     * The script for {@code sh -c}. With a working directory it starts {@code cd '<dir>' || exit;}
     * rather than {@code cd '<dir>' &&}: with {@code &&} only the first line or list of a multi-line
     * command is guarded, and the rest would run in the controller's directory when {@code cd} fails.
     * {@code exit} without an argument keeps the status of the failed {@code cd}.
     */
    static String script(ShellTask config) {
        String dir = config.working_dir();
        if (dir == null || dir.isEmpty()) {
            return config.command();
        }
        return "cd -- " + singleQuote(dir) + " || exit; " + config.command();
    }

    /** Quotes for POSIX sh: inside single quotes nothing is special except the quote itself. */
    static String singleQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static TaskOutcome supervise(Process process, OutputSink sink) throws InterruptedException {
        // No stdin: a command that reads it sees end-of-file instead of waiting forever.
        closeQuietly(process);
        String name = "shell-" + process.pid();
        StreamPump out = StreamPump.start(name + "-stdout", process.getInputStream(), sink::stdout, process::isAlive);
        StreamPump err = StreamPump.start(name + "-stderr", process.getErrorStream(), sink::stderr, process::isAlive);
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            ProcessTree.destroy(process);
            drain(out, err);
            throw e;
        }
        drain(out, err);
        return code == 0 ? TaskOutcome.Succeeded.withExitCode(0) : new TaskOutcome.Failed(code, "", true);
    }

    /**
     * Gives both readers {@link #DRAIN_TIMEOUT} in total to finish, then stops the stragglers so
     * nothing reaches the sink after the run has ended. Keeps a new interrupt for the caller.
     */
    private static void drain(StreamPump... pumps) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        boolean interrupted = false;
        for (StreamPump pump : pumps) {
            try {
                pump.await(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            pump.stop();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Nothing was written, so there is nothing to lose.
        }
    }
}
