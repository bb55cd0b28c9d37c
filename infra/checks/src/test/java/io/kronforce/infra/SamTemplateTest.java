package io.kronforce.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * infra/sam/template.yaml: every handler a public {@code RequestHandler} class with its method in
 * the code folder infra/sam/package.sh lays out (the one the runtime-client test runs), the
 * functions' permissions no wider than their logs, secrets only by Secrets Manager reference.
 * Not checked here: the template against the SAM JSON schema (see docs/DEPLOY.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamTemplateTest {
    private static final Path TEMPLATE = Repo.infra("sam", "template.yaml");
    private final List<URL> code = new ArrayList<>();

    @BeforeAll
    void packageTheCode() throws IOException {
        Path out = Path.of("target/sam-code").toAbsolutePath();
        Command.run(Repo.root(), List.of("infra/sam/package.sh", out.toString()))
                .requireSuccess();
        try (Stream<Path> s = Files.list(out.resolve("lib"))) {
            for (Path p : s.toList()) {
                code.add(p.toUri().toURL());
            }
        }
    }

    @Test
    void everyHandlerIsARequestHandlerInThePackagedCode() throws Exception {
        Map<String, String> handlers = handlers(Manifests.YAML.readTree(TEMPLATE.toFile()));
        assertEquals(List.of("FunctionWorker", "QueuePoller"), List.copyOf(handlers.keySet()));
        assertEquals(Map.of(), problems(handlers));
        assertEquals(
                LambdaFunctionWorkerTest.HANDLER,
                handlers.get("FunctionWorker"),
                "the handler the runtime-client test runs is the one deployed");
        assertEquals(LambdaFunctionWorkerTest.POLLER, handlers.get("QueuePoller"));
    }

    @Test
    void theHandlerCheckRefusesAPlantedMistake() throws Exception {
        Map<String, String> planted = Map.of(
                "a",
                "io.kronforce.agent.FunctionUrlHandlr::handleRequest",
                "b",
                "io.kronforce.agent.QueuePollerHandler::handle");
        assertEquals(planted.keySet(), problems(planted).keySet());
    }

    @Test
    void theFunctionsHoldNoPermissionBeyondTheirLogsAndTheUrlRequiresTheSecret() throws IOException {
        JsonNode t = Manifests.YAML.readTree(TEMPLATE.toFile());
        assertEquals("AWS::Serverless-2016-10-31", t.path("Transform").asText());
        t.get("Resources").fields().forEachRemaining(e -> {
            JsonNode p = e.getValue().path("Properties");
            assertTrue(
                    p.path("Policies").isMissingNode() && p.path("Role").isMissingNode(),
                    e.getKey() + ": only the basic execution role SAM adds (logs)");
        });
        JsonNode fn = t.at("/Resources/FunctionWorker/Properties");
        assertEquals("NONE", fn.at("/FunctionUrlConfig/AuthType").asText());
        assertTrue(
                fn.at("/Environment/Variables/KRONFORCE_FUNCTION_SECRET/Fn::Sub")
                        .asText()
                        .contains("resolve:secretsmanager"),
                "an open URL only with the signature secret set");
        assertEquals("PublishedVersions", fn.at("/SnapStart/ApplyOn").asText());
        assertEquals("live", fn.at("/AutoPublishAlias").asText(), "SnapStart serves published versions");
        assertTrue(
                t.at("/Resources/QueuePoller/Properties/Environment/Variables/KRONFORCE_AGENT_KEY/Fn::Sub")
                        .asText()
                        .contains("resolve:secretsmanager"),
                "the agent key comes from Secrets Manager, never the template");
        assertEquals("java21", t.at("/Globals/Function/Runtime").asText());
        assertEquals(
                "Schedule",
                t.at("/Resources/QueuePoller/Properties/Events/EveryMinute/Type")
                        .asText());
        List<String> unknown = new ArrayList<>();
        for (String name : List.of("FunctionWorker", "QueuePoller")) {
            t.at("/Resources/" + name + "/Properties/Environment/Variables")
                    .fieldNames()
                    .forEachRemaining(n -> {
                        if (n.startsWith("KRONFORCE_") && !Settings.known().contains(n)) {
                            unknown.add(name + ": " + n);
                        }
                    });
        }
        assertEquals(List.of(), unknown, "settings no code reads");
    }

    private static Map<String, String> handlers(JsonNode template) {
        Map<String, String> out = new LinkedHashMap<>();
        template.get("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                out.put(e.getKey(), e.getValue().at("/Properties/Handler").asText());
            }
        });
        return out;
    }

    /** What is wrong with each handler, as the Java runtime would find it; empty when all load. */
    private Map<String, String> problems(Map<String, String> handlers) throws IOException {
        Map<String, String> problems = new LinkedHashMap<>();
        // The Lambda interfaces come from the parent loader, as the Java runtime provides them.
        try (URLClassLoader loader =
                new URLClassLoader(code.toArray(URL[]::new), RequestHandler.class.getClassLoader())) {
            handlers.forEach((fn, h) -> {
                String[] parts = h.split("::");
                try {
                    Class<?> c = Class.forName(parts[0], false, loader);
                    if (!RequestHandler.class.isAssignableFrom(c)
                            || !Modifier.isPublic(c.getConstructor().getModifiers())) {
                        problems.put(fn, h + ": not a public RequestHandler with a no-argument constructor");
                    } else {
                        c.getMethod(parts.length > 1 ? parts[1] : "handleRequest", Map.class, Context.class);
                    }
                } catch (ReflectiveOperationException | LinkageError e) {
                    problems.put(fn, h + ": " + e);
                }
            });
        }
        return problems;
    }
}
