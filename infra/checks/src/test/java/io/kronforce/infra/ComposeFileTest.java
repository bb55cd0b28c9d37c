package io.kronforce.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** infra/compose/compose.yaml, checked by docker-compose itself ({@code config -q}, no daemon needed). */
class ComposeFileTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Path dir = Repo.infra("compose");

    @Test
    void composeAcceptsTheFileWithTheExampleEnvironment() {
        Command c = compose(dir.resolve("compose.yaml"), "config", "-q");
        assertEquals(0, c.exit(), c.output());
    }

    @Test
    void composeRefusesAPlantedMistake(@TempDir Path tmp) throws IOException {
        Path broken = tmp.resolve("compose.yaml");
        Files.writeString(
                broken,
                Files.readString(dir.resolve("compose.yaml"))
                        .replace("stop_grace_period: 30s", "stop_grace_period: [30s]"));
        Command c = compose(broken, "config", "-q");
        assertNotEquals(0, c.exit(), "a list where compose wants a duration must be refused");
        assertTrue(c.output().contains("stop_grace_period"), c.output());
    }

    @Test
    void theFileHoldsNoSecretAndRefusesToStartWithoutThem(@TempDir Path tmp) throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.env"), "");
        Command c = Command.run(
                dir, List.of("docker-compose", "--env-file", empty.toString(), "-f", "compose.yaml", "config", "-q"));
        assertNotEquals(0, c.exit(), "keys must come from .env");
        assertTrue(c.output().contains("KRONFORCE_BOOTSTRAP_ADMIN_KEY"), c.output());
        String text = Files.readString(dir.resolve("compose.yaml"));
        assertFalse(text.matches("(?s).*kf_[A-Za-z0-9]{8,}.*"), "no API key in compose.yaml");
    }

    @Test
    void workersScaleAndEverySettingIsOneTheCodeReads() throws IOException {
        JsonNode config = YAML.readTree(
                compose(dir.resolve("compose.yaml"), "config").requireSuccess().output());
        JsonNode services = config.get("services");
        for (String name : List.of("worker", "agent")) {
            JsonNode s = services.get(name);
            assertTrue(
                    s.path("container_name").isMissingNode() && s.path("ports").isMissingNode(),
                    name + ": a fixed name or host port would stop --scale");
        }
        assertEquals("worker", services.get("worker").get("command").get(0).asText());
        assertEquals("agent", services.get("agent").get("command").get(0).asText());
        JsonNode ctl = services.get("controller").get("environment");
        assertTrue(ctl.get("KRONFORCE_REPLICA_URL").asText().startsWith("s3://"), "replication on");
        assertEquals(
                "http://localstack:4566", ctl.get("KRONFORCE_REPLICA_ENDPOINT").asText());
        Set<String> known = Settings.known();
        List<String> unknown = new ArrayList<>();
        services.fields()
                .forEachRemaining(s -> s.getValue()
                        .path("environment")
                        .fieldNames()
                        .forEachRemaining(n -> {
                            if (n.startsWith("KRONFORCE_") && !known.contains(n)) {
                                unknown.add(s.getKey() + ": " + n);
                            }
                        }));
        assertEquals(List.of(), unknown, "settings no code reads");
    }

    private Command compose(Path file, String... args) {
        List<String> argv = new ArrayList<>(List.of(
                "docker-compose",
                "--project-directory",
                dir.toString(),
                "--env-file",
                dir.resolve(".env.example").toString(),
                "-f",
                file.toString()));
        argv.addAll(List.of(args));
        return Command.run(dir, argv);
    }
}
