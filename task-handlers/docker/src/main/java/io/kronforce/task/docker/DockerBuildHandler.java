package io.kronforce.task.docker;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskEnvironment;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a {@code docker_build} task through the docker CLI: writes the Dockerfile into a fresh
 * temporary directory, runs {@code docker build} (then {@code docker run --rm} when asked) with
 * output streamed, and removes the directory whatever happens. A cancel or the deadline kills the
 * CLI's process tree. With a run-as user the CLI runs through {@code sudo -n -u}, as shell tasks do.
 * The CLI starts with the task environment plus the host's {@code DOCKER_*} variables (which
 * daemon, which config), not the host's whole environment.
 *
 * <p>Stateless and thread-safe.
 */
public final class DockerBuildHandler implements TaskHandler<DockerBuildTask> {
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** The CLI's own variables: where the daemon is and how to reach it. */
    private static final List<String> CLI_VARIABLES = List.of("DOCKER_*");

    private final String docker;
    private final TaskEnvironment environment;

    /** A handler that calls {@code docker} from the PATH with this process's task environment. */
    public DockerBuildHandler() {
        this(TaskEnvironment.ofThisProcess());
    }

    /** A handler that calls {@code docker} from the PATH with {@code environment}. */
    public DockerBuildHandler(TaskEnvironment environment) {
        this("docker", environment);
    }

    /** A handler that calls the given docker executable. */
    DockerBuildHandler(String docker) {
        this(docker, TaskEnvironment.ofThisProcess());
    }

    DockerBuildHandler(String docker, TaskEnvironment environment) {
        this.docker = docker;
        this.environment = environment.including(CLI_VARIABLES);
    }

    @Override
    public String type() {
        return "docker_build";
    }

    @Override
    public Class<DockerBuildTask> configType() {
        return DockerBuildTask.class;
    }

    @Override
    public List<ConfigViolation> check(DockerBuildTask task) {
        return DockerCommand.check(task);
    }

    @Override
    public TaskOutcome run(DockerBuildTask task, TaskContext ctx) throws InterruptedException {
        if (task.dockerfile() == null) {
            String name = task.script_name() == null ? "" : " '" + task.script_name() + "'";
            return new TaskOutcome.Failed(
                    null,
                    "dockerfile script" + name + " has no text: stored scripts are filled "
                            + "in by the controller before the run",
                    false);
        }
        List<ConfigViolation> problems = DockerCommand.commandProblems(task);
        if (!problems.isEmpty()) {
            return new TaskOutcome.Failed(
                    null,
                    "invalid docker_build task: " + problems.get(0).pointer() + " "
                            + problems.get(0).message(),
                    false);
        }
        java.util.Optional<String> user = ctx.runAs();
        if (user.isPresent() && !USER_NAME.matcher(user.get()).matches()) {
            return new TaskOutcome.Failed(null, "refusing to run as invalid user name '" + user.get() + "'", false);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("kf-docker-");
            Files.writeString(dir.resolve("Dockerfile"), task.dockerfile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new TaskOutcome.Failed(null, "failed to write the Dockerfile: " + e.getMessage(), true);
        }
        try {
            return buildThenRun(task, ctx, dir);
        } finally {
            deleteTree(dir);
        }
    }

    private TaskOutcome buildThenRun(DockerBuildTask task, TaskContext ctx, Path dir) throws InterruptedException {
        try {
            int code = CliProcess.run(asUser(ctx, DockerCommand.build(docker, task, dir)), environment, ctx.output());
            if (code == 0 && task.runAfterBuild()) {
                code = CliProcess.run(asUser(ctx, DockerCommand.run(docker, task)), environment, ctx.output());
            }
            return code == 0 ? TaskOutcome.Succeeded.withExitCode(0) : new TaskOutcome.Failed(code, "", true);
        } catch (IOException e) {
            return new TaskOutcome.Failed(null, "failed to spawn process: " + e.getMessage(), false);
        }
    }

    private static List<String> asUser(TaskContext ctx, List<String> argv) {
        List<String> out = new ArrayList<>();
        ctx.runAs().ifPresent(user -> out.addAll(List.of("sudo", "-n", "-u", user)));
        out.addAll(argv);
        return out;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory holds only a Dockerfile; nothing to report to the task.
        }
    }
}
