package io.kronforce.task.docker;

/**
 * Configuration of a {@code docker_build} task, bound from the job's task JSON (upstream's field
 * names, snake_case, plus two of ours).
 *
 * @param script_name a {@code dockerfile} script stored through {@code /api/scripts}; the controller
 *     copies its text into {@code dockerfile} before the run
 * @param dockerfile the Dockerfile text (ours: inline, and where a stored script arrives)
 * @param image_tag the image reference to tag; {@code null} for the script name, lower-cased
 * @param run_after_build whether to {@code docker run --rm} the image after a successful build
 * @param build_args extra {@code docker build} options, whitespace-separated; only the options
 *     {@link DockerCommand#ALLOWED_OPTIONS} lists are accepted
 * @param context_dir an absolute directory on the worker to use as build context (ours); {@code null}
 *     for an empty context holding only the Dockerfile, as upstream
 */
public record DockerBuildTask(
        String script_name,
        String dockerfile,
        String image_tag,
        Boolean run_after_build,
        String build_args,
        String context_dir) {

    /** Whether the image runs after the build ({@code false} when unset). */
    boolean runAfterBuild() {
        return Boolean.TRUE.equals(run_after_build);
    }
}
