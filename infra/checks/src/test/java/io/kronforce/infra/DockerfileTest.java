package io.kronforce.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile cannot be built here (no Docker), so it is held to the Jib images it claims to
 * match: each stage's JVM flags, environment, user, ports, volume, working folder and label names
 * equal those of the image tar built from the same commit.
 */
class DockerfileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void controllerStageMatchesTheJibControllerImage() throws IOException {
        Stage stage = Stage.read(Repo.root().resolve("Dockerfile"), "controller");
        ImageTar image = ImageTar.readConfig(Repo.images().resolve("kronforce-controller.tar"));
        List<String> jib = image.entrypoint();
        assertEquals(jvmFlags(jib), jvmFlags(stage.entrypoint()), "JVM flags");
        assertEquals(new java.util.TreeMap<>(image.env()), stage.env(), "environment");
        assertSame(image, stage);
        assertTrue(
                stage.lines().stream()
                        .anyMatch(l ->
                                l.startsWith("HEALTHCHECK") && l.contains(image.label("io.kronforce.healthcheck"))),
                "HEALTHCHECK runs the labelled command");
    }

    @Test
    void workerStageMatchesTheJibWorkerImage() throws IOException {
        Stage stage = Stage.read(Repo.root().resolve("Dockerfile"), "worker");
        ImageTar image = ImageTar.readConfig(Repo.images().resolve("kronforce-worker.tar"));
        assertEquals(image.entrypoint(), stage.entrypoint(), "entry point");
        assertEquals(image.cmd(), stage.cmd(), "command");
        assertSame(image, stage);
        assertTrue(
                stage.lines().stream()
                        .anyMatch(
                                l -> l.contains(
                                        "/src/infra/image/worker/src/main/jib/usr/local/bin/kronforce /usr/local/bin/kronforce")),
                "the same entry-point script as the Jib image");
    }

    private static void assertSame(ImageTar image, Stage stage) {
        assertEquals(image.user(), stage.inherited("USER"), "user");
        assertEquals(image.workingDir(), stage.value("WORKDIR"), "working folder");
        assertEquals(image.exposedPorts(), stage.ports(), "ports");
        assertEquals(image.volumes(), stage.volumes(), "volumes");
        assertEquals(
                image.labelNames().stream()
                        .filter(n -> n.startsWith("org.opencontainers"))
                        .sorted()
                        .toList(),
                stage.labelNames().stream()
                        .filter(n -> n.startsWith("org.opencontainers"))
                        .sorted()
                        .toList(),
                "labels");
    }

    /** The JVM options of an entry point: what follows {@code java} up to the class path or jar. */
    private static List<String> jvmFlags(List<String> entrypoint) {
        List<String> out = new ArrayList<>();
        for (String a : entrypoint.subList(1, entrypoint.size())) {
            if (a.equals("-cp") || a.equals("-jar")) {
                break;
            }
            out.add(a);
        }
        return out;
    }

    /** One stage of the Dockerfile, its instructions joined across continuation lines. */
    record Stage(List<String> lines, List<String> runtimeLines) {
        static Stage read(Path dockerfile, String name) throws IOException {
            List<String> joined = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            for (String raw : Files.readAllLines(dockerfile)) {
                String line = raw.strip();
                if (line.startsWith("#") && cur.isEmpty()) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    cur.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                cur.append(line);
                if (!cur.isEmpty()) {
                    joined.add(cur.toString().strip());
                }
                cur.setLength(0);
            }
            return new Stage(section(joined, "AS " + name), section(joined, "AS runtime"));
        }

        private static List<String> section(List<String> all, String header) {
            List<String> out = new ArrayList<>();
            boolean in = false;
            for (String l : all) {
                if (l.startsWith("FROM ")) {
                    in = l.endsWith(header);
                } else if (in) {
                    out.add(l);
                }
            }
            if (out.isEmpty()) {
                throw new AssertionError("no stage '" + header + "' in the Dockerfile");
            }
            return out;
        }

        String value(String instruction) {
            return lines.stream()
                    .filter(l -> l.startsWith(instruction + " "))
                    .reduce((a, b) -> b)
                    .map(l -> l.substring(instruction.length() + 1).strip())
                    .orElse(null);
        }

        String inherited(String instruction) {
            String own = value(instruction);
            return own != null ? own : new Stage(runtimeLines, runtimeLines).value(instruction);
        }

        List<String> entrypoint() throws IOException {
            return Arrays.asList(JSON.readValue(value("ENTRYPOINT"), String[].class));
        }

        List<String> cmd() throws IOException {
            return Arrays.asList(JSON.readValue(value("CMD"), String[].class));
        }

        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            List<String> all = new ArrayList<>(runtimeLines);
            all.addAll(lines);
            Matcher m = Pattern.compile("(\\w+)=(\\S+)").matcher("");
            for (String l : all) {
                if (l.startsWith("ENV ")) {
                    m.reset(l.substring(4));
                    while (m.find()) {
                        env.put(m.group(1), m.group(2));
                    }
                }
            }
            return new java.util.TreeMap<>(env);
        }

        List<String> ports() {
            String v = value("EXPOSE");
            return v == null
                    ? List.of()
                    : Arrays.stream(v.split("\\s+"))
                            .map(p -> p.contains("/") ? p : p + "/tcp")
                            .sorted()
                            .toList();
        }

        List<String> volumes() {
            String v = value("VOLUME");
            return v == null
                    ? List.of()
                    : Arrays.stream(v.split("\\s+")).sorted().toList();
        }

        List<String> labelNames() {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("([\\w.\\-]+)=(\"[^\"]*\"|\\S+)").matcher("");
            for (String l : lines) {
                if (l.startsWith("LABEL ")) {
                    m.reset(l.substring(6));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
            return names;
        }
    }
}
