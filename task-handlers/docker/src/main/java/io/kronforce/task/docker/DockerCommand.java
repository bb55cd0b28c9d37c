package io.kronforce.task.docker;

import io.kronforce.task.ConfigViolation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The docker command lines of a task, and the checks on what goes into them. Everything is a
 * separate argv element (no shell), and nothing a task supplies can start with {@code -} unless
 * it is an allowed option, so a tag or an argument cannot smuggle in {@code --output} or
 * {@code -f /etc/…}. Pure.
 */
final class DockerCommand {
    /** Build options a task may pass; the ones that write files ({@code --output}, {@code --iidfile}…) are not among them. */
    static final Set<String> ALLOWED_OPTIONS =
            Set.of("--build-arg", "--no-cache", "--pull", "--target", "--platform", "--label", "--quiet");

    private static final Set<String> FLAGS_WITHOUT_VALUE = Set.of("--no-cache", "--pull", "--quiet");
    /** A Docker image reference: optional registry host[:port], path components, optional tag. */
    private static final Pattern REFERENCE = Pattern.compile(
            "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private DockerCommand() {}

    /** The tag a task builds: its image_tag, else its script name lower-cased (Docker wants lower case). */
    static String tag(DockerBuildTask task) {
        if (task.image_tag() != null) {
            return task.image_tag();
        }
        return task.script_name() == null ? null : task.script_name().toLowerCase(Locale.ROOT);
    }

    /** {@code docker build --progress=plain -t TAG [options] -f DIR/Dockerfile CONTEXT}. */
    static List<String> build(String docker, DockerBuildTask task, Path dir) {
        List<String> argv = new ArrayList<>(List.of(docker, "build", "--progress=plain", "-t", tag(task)));
        argv.addAll(options(task.build_args()));
        argv.addAll(List.of(
                "-f",
                dir.resolve("Dockerfile").toString(),
                task.context_dir() == null ? dir.toString() : task.context_dir()));
        return argv;
    }

    /** {@code docker run --rm TAG}. */
    static List<String> run(String docker, DockerBuildTask task) {
        return List.of(docker, "run", "--rm", tag(task));
    }

    static List<String> options(String buildArgs) {
        return buildArgs == null || buildArgs.isBlank()
                ? List.of()
                : List.of(buildArgs.trim().split("\\s+"));
    }

    static List<ConfigViolation> check(DockerBuildTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        boolean named = task.script_name() != null;
        if (named == (task.dockerfile() != null)) {
            problems.add(new ConfigViolation(
                    named ? "/dockerfile" : "/script_name",
                    named ? "give script_name or dockerfile, not both" : "script_name or dockerfile is required"));
        }
        if (named && !NAME.matcher(task.script_name()).matches()) {
            problems.add(new ConfigViolation("/script_name", "script_name must be 1-100 letters, digits, '_' or '-'"));
        }
        problems.addAll(commandProblems(task));
        return List.copyOf(problems);
    }

    /**
     * The problems that would reach the command line: tag, options and context. At run time the
     * task carries both the name and the text the controller filled in, so only these apply.
     */
    static List<ConfigViolation> commandProblems(DockerBuildTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        checkTag(task).ifPresent(problems::add);
        checkOptions(task.build_args()).ifPresent(problems::add);
        String context = task.context_dir();
        if (context != null && (context.indexOf('\0') >= 0 || !Path.of(context).isAbsolute())) {
            problems.add(new ConfigViolation("/context_dir", "context_dir must be an absolute path"));
        }
        return List.copyOf(problems);
    }

    private static Optional<ConfigViolation> checkTag(DockerBuildTask task) {
        boolean badName =
                task.script_name() != null && !NAME.matcher(task.script_name()).matches();
        if (task.image_tag() == null && badName) {
            return Optional.empty(); // the name itself is reported; a tag derived from it says nothing more
        }
        String tag = tag(task);
        if (tag == null) {
            return task.dockerfile() != null
                    ? Optional.of(new ConfigViolation("/image_tag", "image_tag is required with an inline dockerfile"))
                    : Optional.empty();
        }
        if (tag.length() > 255 || !REFERENCE.matcher(tag).matches()) {
            String pointer = task.image_tag() != null ? "/image_tag" : "/script_name";
            return Optional.of(new ConfigViolation(
                    pointer,
                    "'" + tag + "' is not a valid image reference"
                            + (task.image_tag() == null ? "; set image_tag" : "")));
        }
        return Optional.empty();
    }

    private static Optional<ConfigViolation> checkOptions(String buildArgs) {
        List<String> tokens = options(buildArgs);
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String option = token.contains("=") ? token.substring(0, token.indexOf('=')) : token;
            if (!ALLOWED_OPTIONS.contains(option)) {
                return Optional.of(new ConfigViolation(
                        "/build_args",
                        "'" + token + "' is not an allowed build option " + "(allowed: "
                                + String.join(
                                        ", ", ALLOWED_OPTIONS.stream().sorted().toList()) + ")"));
            }
            if (!token.contains("=") && !FLAGS_WITHOUT_VALUE.contains(option)) {
                if (i + 1 >= tokens.size() || tokens.get(i + 1).startsWith("-")) {
                    return Optional.of(new ConfigViolation("/build_args", option + " needs a value"));
                }
                i++;
            }
        }
        return Optional.empty();
    }
}
