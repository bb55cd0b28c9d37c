package io.kronforce.bench;

import io.kronforce.task.docker.DockerBuildHandler;
import io.kronforce.task.docker.DockerBuildTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The B7 row of the docker_build handler: a one-line {@code FROM scratch} build through the docker
 * CLI against a bare {@code docker build} of the same Dockerfile in a fresh folder. It needs a
 * running Docker engine; where {@code docker info} fails (as on the project's machines) the row
 * is reported as skipped with that reason, never given a number.
 */
final class DockerCases {

    private static final String DOCKERFILE = "FROM scratch\nLABEL org.kronforce.bench=b7\n";

    private DockerCases() {}

    static HandlerCase build() throws Exception {
        String engine = engineProblem();
        if (!engine.isEmpty()) {
            throw new HandlerCase.Skipped("no Docker engine answers here (`docker info`: " + engine + ")");
        }
        String tag = "kf-bench/b7:" + UUID.randomUUID();
        DockerBuildTask task = new DockerBuildTask(null, DOCKERFILE, tag, false, null, null);
        return new HandlerCase(
                HandlerCase.run(new DockerBuildHandler(), task),
                () -> bareBuild(tag + "-bare"),
                () -> docker(List.of("docker", "rmi", "-f", tag, tag + "-bare")));
    }

    private static void bareBuild(String tag) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("kf-bench-docker-");
        try {
            Files.writeString(dir.resolve("Dockerfile"), DOCKERFILE, StandardCharsets.UTF_8);
            String problem = docker(List.of(
                    "docker",
                    "build",
                    "--progress=plain",
                    "-t",
                    tag,
                    "-f",
                    dir.resolve("Dockerfile").toString(),
                    dir.toString()));
            if (!problem.isEmpty()) {
                throw new IOException("docker build failed: " + problem);
            }
        } finally {
            Files.deleteIfExists(dir.resolve("Dockerfile"));
            Files.deleteIfExists(dir);
        }
    }

    /** Empty when the engine answers; else why not (the CLI's last line of output, or the spawn error). */
    private static String engineProblem() throws InterruptedException {
        try {
            return docker(List.of("docker", "info"));
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** Runs a docker command; empty on exit 0, else its exit code and last line of output. */
    private static String docker(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "no answer within 60 s";
        }
        if (p.exitValue() == 0) {
            return "";
        }
        String last = output.lines().reduce((a, b) -> b).orElse("");
        return "exit " + p.exitValue() + ": " + last;
    }
}
