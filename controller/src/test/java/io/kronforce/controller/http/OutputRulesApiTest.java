package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code output_rules} job field through the API: what is refused, how, and what is stored. */
class OutputRulesApiTest {
    @TempDir
    static Path dir;

    static TestController tc;

    @BeforeAll
    static void start() {
        tc = TestController.start(dir);
    }

    @AfterAll
    static void stop() {
        tc.close();
    }

    private static JsonNode rules(String json) {
        try {
            return TestController.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static TestController.Response create(String rulesJson) {
        return tc.post(
                "/api/jobs",
                Role.OPERATOR,
                Jobs.shell(Jobs.uniqueName("rules"), "true")
                        .outputRules(rules(rulesJson))
                        .json());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "x"                                                             | /output_rules
            {"extractions":{}}                                              | /output_rules/extractions
            {"extractions":[1]}                                             | /output_rules/extractions/0
            {"extractions":[{"name":"n","type":"regex"}]}                   | /output_rules/extractions/0/pattern
            {"extractions":[{"name":5,"pattern":"x","type":"regex"}]}       | /output_rules/extractions/0/name
            {"extractions":[{"name":"n","pattern":"x"}]}                    | /output_rules/extractions/0/type
            {"extractions":[{"name":"n","pattern":"x","type":"regex","target":"file"}]} | /output_rules/extractions/0/target
            {"extractions":[{"name":"n","pattern":"x","type":"regex","write_to_variable":7}]} | /output_rules/extractions/0/write_to_variable
            {"triggers":[{"pattern":"x"}]}                                  | /output_rules/triggers/0/severity
            {"triggers":"x"}                                                | /output_rules/triggers
            {"assertions":[{"pattern":1}]}                                  | /output_rules/assertions/0/pattern
            {"assertions":[{"pattern":"x","message":false}]}                | /output_rules/assertions/0/message
            {"forward_url":42}                                              | /output_rules/forward_url
            """)
    void jsonOfTheWrongShapeIs422WithAPointer(String json, String pointer) {
        JsonNode problem = Api.assertProblem(create(json), 422);
        assertTrue(problem.path("type").asText().endsWith("wrong-shape"), problem::toString);
        assertEquals(pointer, problem.path("errors").path(0).path("pointer").asText(), problem::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"extractions":[{"name":"n","pattern":"(unclosed","type":"regex"}]}  | /output_rules/extractions/0/pattern
            {"extractions":[{"name":"n","pattern":"$[*","type":"jsonpath"}]}     | /output_rules/extractions/0/pattern
            {"extractions":[{"name":"n","pattern":"x","type":"xpath"}]}          | /output_rules/extractions/0/type
            {"extractions":[{"name":"","pattern":"x","type":"regex"}]}           | /output_rules/extractions/0/name
            {"extractions":[{"name":"ok","pattern":"x","type":"regex"},{"name":"n","pattern":"x","type":"regex","write_to_variable":"BAD-NAME"}]} | /output_rules/extractions/1/write_to_variable
            {"forward_url":"ftp://files.example/x"}                              | /output_rules/forward_url
            {"forward_url":"not a url"}                                          | /output_rules/forward_url
            """)
    void rulesThatCannotWorkAre400WithAPointer(String json, String pointer) {
        JsonNode problem = Api.assertProblem(create(json), 400);
        assertTrue(problem.path("type").asText().endsWith("invalid-input"), problem::toString);
        assertEquals(pointer, problem.path("errors").path(0).path("pointer").asText(), problem::toString);
    }

    @Test
    void anExtractionPatternOver1024CharactersIs400() {
        ObjectNode x = TestController.JSON
                .createObjectNode()
                .put("name", "n")
                .put("pattern", "a".repeat(1025))
                .put("type", "regex");
        ObjectNode rules = TestController.JSON.createObjectNode();
        rules.putArray("extractions").add(x);
        TestController.Response r = create(rules.toString());
        assertEquals(
                "/output_rules/extractions/0/pattern",
                Api.assertProblem(r, 400).path("errors").path(0).path("pointer").asText());
        x.put("pattern", "a".repeat(1024));
        assertEquals(201, create(rules.toString()).status());
    }

    @Test
    void storedShapeIsUpstreamsWithTheDefaultTargetLeftOut() {
        String id =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("rules"), "true").outputRules(rules("""
                {"extractions":[{"name":"a","pattern":"a(\\\\d)","type":"regex","target":"variable","write_to_variable":"A"},
                                {"name":"b","pattern":"$.b","type":"jsonpath","target":"output","extra":1}],
                 "assertions":[{"pattern":"[not a regex"}],
                 "triggers":[{"pattern":"(also not","severity":"loud"}]}""")));
        assertEquals(rules("""
                {"extractions":[{"name":"a","pattern":"a(\\\\d)","type":"regex","write_to_variable":"A"},
                                {"name":"b","pattern":"$.b","type":"jsonpath","target":"output"}],
                 "triggers":[{"pattern":"(also not","severity":"loud"}],
                 "assertions":[{"pattern":"[not a regex"}]}"""), tc.read("/api/jobs/" + id).path("output_rules"));
    }

    @Test
    void anUpdateIsValidatedTooAndAnEmptyObjectClearsTheRules() {
        String id = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("rules"), "true")
                        .outputRules(rules("{\"assertions\":[{\"pattern\":\"ok\"}]}")));
        ObjectNode bad = TestController.JSON.createObjectNode();
        bad.set("output_rules", rules("{\"extractions\":[{\"name\":\"n\",\"pattern\":\"(\",\"type\":\"regex\"}]}"));
        Api.assertProblem(tc.put("/api/jobs/" + id, Role.OPERATOR, bad), 400);
        assertEquals(
                "ok",
                tc.read("/api/jobs/" + id)
                        .path("output_rules")
                        .path("assertions")
                        .path(0)
                        .path("pattern")
                        .asText());
        // null in an update means "unchanged" (upstream's merge), so clearing is an empty object.
        ObjectNode clear = TestController.JSON.createObjectNode().set("output_rules", rules("{}"));
        assertEquals(200, tc.put("/api/jobs/" + id, Role.OPERATOR, clear).status());
        assertEquals(
                rules("{\"extractions\":[],\"triggers\":[],\"assertions\":[]}"),
                tc.read("/api/jobs/" + id).path("output_rules"));
    }

    @Test
    void theExampleInDocsOutputRulesIsAcceptedAsWritten() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/OUTPUT_RULES.md");
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(doc));
        assertTrue(m.find(), "docs/OUTPUT_RULES.md has no json example");
        JsonNode example = TestController.JSON.readTree(m.group(1));
        TestController.Response r = tc.post("/api/jobs", Role.OPERATOR, example);
        assertEquals(201, r.status(), r::toString);
        JsonNode stored = tc.read("/api/jobs/" + r.json().path("id").asText());
        assertEquals(
                example.path("output_rules"), stored.path("output_rules"), "the example is already in stored form");
        assertFalse(stored.path("output_rules").path("extractions").path(0).has("target"));
    }
}
