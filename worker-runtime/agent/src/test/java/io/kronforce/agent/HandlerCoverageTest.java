package io.kronforce.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.host.HandlerCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The agent carries every task handler module the controller carries (upstream's agent cannot run scripts). */
class HandlerCoverageTest {
    @Test
    void everyBuiltInTypeIsOnTheAgentsClassPath() {
        Set<String> types =
                HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse(""))).types();
        assertTrue(
                types.containsAll(Set.of(
                        "shell",
                        "http",
                        "ftp",
                        "file_push",
                        "s3",
                        "sql",
                        "redis",
                        "redis_read",
                        "rabbitmq",
                        "rabbitmq_consume",
                        "mqtt",
                        "mqtt_subscribe",
                        "nats",
                        "script",
                        "docker_build",
                        "kafka",
                        "kafka_consume")),
                types.toString());
    }

    /** A handler module added to the controller but not to the agent would run only on the controller. */
    @Test
    void theAgentPomListsEveryHandlerModuleTheControllerPomLists() throws Exception {
        Pattern handler = Pattern.compile("<artifactId>(kronforce-task-(?!api|testkit)[a-z0-9-]+)</artifactId>");
        Set<String> controller = artifacts(handler, Path.of("../../controller/pom.xml"));
        Set<String> agent = artifacts(handler, Path.of("pom.xml"));
        assertTrue(!controller.isEmpty() && agent.containsAll(controller), "missing on the agent: " + controller);
    }

    private static Set<String> artifacts(Pattern p, Path pom) throws Exception {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(Files.readString(pom));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
