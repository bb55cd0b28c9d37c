package io.kronforce.task.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.testkit.LoadedHandler;
import io.kronforce.task.testkit.ReadmeExample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** check() and the command lines, without an engine. */
class DockerCheckTest {
    private final DockerBuildHandler handler = new DockerBuildHandler();

    private static DockerBuildTask named(String name, String tag, String args) {
        return new DockerBuildTask(name, null, tag, null, args, null);
    }

    @Test
    void acceptsAStoredScriptOrAnInlineDockerfileWithATag() {
        assertEquals(List.of(), handler.check(named("api-image", null, null)));
        assertEquals(
                List.of(),
                handler.check(new DockerBuildTask(
                        null,
                        "FROM scratch",
                        "team/app:1.0",
                        true,
                        "--build-arg A=1 --build-arg=B=2 --no-cache --target prod",
                        "/srv/app")));
    }

    @Test
    void needsExactlyOneSourceAndATagForInlineText() {
        assertEquals(List.of("/script_name"), pointers(new DockerBuildTask(null, null, "x", null, null, null)));
        assertEquals(
                List.of("/dockerfile"), pointers(new DockerBuildTask("a", "FROM scratch", null, null, null, null)));
        assertEquals(
                List.of("/image_tag"), pointers(new DockerBuildTask(null, "FROM scratch", null, null, null, null)));
    }

    @Test
    void rejectsTagsAndNamesThatAreNotImageReferencesOrCouldBeOptions() {
        assertEquals(List.of("/image_tag"), pointers(named("a", "--output=/", null)));
        assertEquals(List.of("/image_tag"), pointers(named("a", "Team/App", null)));
        assertEquals(List.of("/script_name"), pointers(named("_underscore-first", null, null)));
        assertEquals(List.of("/script_name"), pointers(named("../etc", null, null)));
    }

    @Test
    void onlyAllowedBuildOptionsPass() {
        for (String bad : new String[] {
            "--output type=local,dest=/",
            "-f /etc/passwd",
            "--iidfile /tmp/x",
            "--target",
            "--build-arg --no-cache",
            "plain-word"
        }) {
            List<ConfigViolation> problems = handler.check(named("a", null, bad));
            assertEquals(
                    List.of("/build_args"),
                    problems.stream().map(ConfigViolation::pointer).toList(),
                    bad);
        }
    }

    @Test
    void rejectsARelativeContextDir() {
        assertEquals(List.of("/context_dir"), pointers(new DockerBuildTask("a", null, null, null, null, "build/ctx")));
    }

    @Test
    void buildAndRunCommandLinesKeepEveryValueASeparateArgument() {
        DockerBuildTask task = new DockerBuildTask(
                "Api_Image", "FROM scratch", null, true, "  --build-arg VERSION=1 --label note=$(id)   --pull ", null);
        Path dir = Path.of("/tmp/kf-docker-1");
        assertEquals(
                List.of(
                        "docker",
                        "build",
                        "--progress=plain",
                        "-t",
                        "api_image",
                        "--build-arg",
                        "VERSION=1",
                        "--label",
                        "note=$(id)",
                        "--pull",
                        "-f",
                        "/tmp/kf-docker-1/Dockerfile",
                        "/tmp/kf-docker-1"),
                DockerCommand.build("docker", task, dir));
        assertEquals(List.of("docker", "run", "--rm", "api_image"), DockerCommand.run("docker", task));
        assertEquals(List.of(), DockerCommand.commandProblems(task));
        DockerBuildTask withContext = new DockerBuildTask(null, "FROM scratch", "x:1", null, null, "/srv/app");
        assertEquals("/srv/app", DockerCommand.build("docker", withContext, dir).getLast());
    }

    @Test
    void theReadmeExampleBindsAndPassesCheck() {
        List<DockerBuildTask> examples = ReadmeExample.tasks("docker_build", DockerBuildTask.class);
        assertEquals(1, examples.size());
        assertEquals(List.of(), handler.check(examples.get(0)));
        assertTrue(DockerCommand.build("docker", examples.get(0), Path.of("/d")).contains("VERSION=1.4"));
    }

    @Test
    void serviceLoaderFindsTheHandler() {
        assertInstanceOf(DockerBuildHandler.class, LoadedHandler.of("docker_build"));
    }

    private List<String> pointers(DockerBuildTask task) {
        return handler.check(task).stream().map(ConfigViolation::pointer).toList();
    }
}
