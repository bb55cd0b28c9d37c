package io.kronforce.controller.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A trigger value is data in every context it lands in (docs/reference/variables-and-secrets.md#placeholders):
 * one shell word, a bound SQL value, a URL component, a JSON literal — and never read as a placeholder.
 */
class ParameterContextTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NASTY = "x'; id >&2; echo \"$(id)\" `id` $HOME \\ {{params.who}}";

    private static ObjectNode task(String type, String field, String text) {
        return JSON.createObjectNode().put("type", type).put(field, text);
    }

    private static ObjectNode params(Object value) {
        return JSON.valueToTree(Map.of("v", value));
    }

    private static Placeholders.Resolution resolve(ObjectNode task, Object value) {
        return Placeholders.resolve(task, params(value), Map.of("SECRET", "s3cret")::get);
    }

    /** What {@code sh -c} prints for the command, one line per word of {@code printf '%s\n'}. */
    private static String shell(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void aShellParameterIsOneWordOfDataWhereverThePlaceholderStands() throws Exception {
        Map<String, String> expected = Map.of(
                "printf '%s|' {{params.v}}", NASTY + "|",
                "printf '%s|' pre-{{params.v}}-post", "pre-" + NASTY + "-post|",
                "printf '%s|' 'in single {{params.v}}'", "in single " + NASTY + "|",
                "printf '%s|' \"in double {{params.v}}\"", "in double " + NASTY + "|",
                "printf '%s|' \"a $(printf '%s' {{params.v}}) b\"", "a " + NASTY + " b|",
                "printf '%s|' \"a $(printf '%s' \"{{params.v}}\") b\"", "a " + NASTY + " b|",
                "printf '%s|' `printf '%s' {{params.v}}`x", "");
        for (Map.Entry<String, String> t : expected.entrySet()) {
            String command = resolve(task("shell", "command", t.getKey()), NASTY)
                    .task()
                    .get("command")
                    .asText();
            String out = shell(command);

            if (!t.getValue().isEmpty()) { // unquoted backquotes split words: only "nothing ran" holds
                assertEquals(t.getValue(), out, () -> t.getKey() + " became " + command);
            }
            assertTrue(!out.contains("uid="), () -> t.getKey() + " ran a command: " + out);
        }
    }

    @Test
    void aShellParameterInAHereDocumentIsRefusedUnlessItNeedsNoQuoting() throws Exception {
        ObjectNode heredoc = task("shell", "command", "cat <<EOF\nhello {{params.v}}\nEOF");

        assertEquals(List.of("{{params.v}}"), resolve(heredoc, NASTY).refused());
        assertEquals(
                "hello curl\n",
                shell(resolve(heredoc, "curl").task().get("command").asText()));
        assertEquals(
                List.of(),
                resolve(task("shell", "command", "cat <<< {{params.v}}\necho done"), NASTY)
                        .refused(),
                "a here-string is a word like any other");
    }

    @Test
    void aShellParameterOfPlainCharactersStaysBareAndAnEmptyOneIsStillAWord() throws Exception {
        assertEquals(
                "echo hello from curl",
                resolve(task("shell", "command", "echo hello from {{params.v}}"), "curl")
                        .task()
                        .get("command")
                        .asText());
        String empty = resolve(task("shell", "command", "printf '[%s]' {{params.v}}"), "")
                .task()
                .get("command")
                .asText();
        assertEquals("[]", shell(empty));
    }

    @Test
    void aSqlParameterIsBoundAsAValueNeverWrittenIntoTheQuery() {
        var r = Placeholders.resolve(
                task("sql", "query", "SELECT * FROM t WHERE name = {{params.v}} AND n > {{params.n}} -- {{SECRET}}"),
                JSON.createObjectNode().put("v", "x' OR '1'='1").put("n", 5),
                Map.of("SECRET", "s3cret")::get);

        assertEquals(
                "SELECT * FROM t WHERE name = ? AND n > ? -- s3cret",
                r.task().get("query").asText());
        assertEquals("[\"x' OR '1'='1\",5]", r.task().get("bind").toString());
        assertEquals(List.of(), r.refused());
    }

    @Test
    void aSqlParameterInsideALiteralOrCommentIsRefusedNotSpliced() {
        for (String query : List.of(
                "SELECT '{{params.v}}'",
                "SELECT \"{{params.v}}\"",
                "SELECT 1 -- {{params.v}}",
                "SELECT 1 /* {{params.v}} */",
                "SELECT $q${{params.v}}$q$")) {
            var r = resolve(task("sql", "query", query), "x");

            assertEquals(List.of("{{params.v}}"), r.refused(), query);
            assertTrue(r.task().path("bind").isMissingNode(), query);
        }
        assertEquals(
                List.of(),
                resolve(task("sql", "query", "SELECT 'it''s', {{params.v}}"), "x")
                        .refused());
    }

    @Test
    void aHeaderParameterWithALineBreakIsRefusedNotSentAsAnotherHeader() {
        ObjectNode http = task("http", "url", "https://api.example/");
        http.putObject("headers").put("X-Who", "{{params.v}}");

        assertEquals(
                "ok-value",
                resolve(http, "ok-value").task().path("headers").path("X-Who").asText());
        Placeholders.Resolution injected = resolve(http, "x\r\nX-Admin: 1");
        assertEquals(List.of("{{params.v}}"), injected.refused());
    }

    @Test
    void aDockerfileTakesOnlyAPlainTokenAndAConnectionStringIsPercentEncoded() {
        ObjectNode build = task("docker_build", "dockerfile", "FROM alpine:{{params.v}}\nRUN echo built");
        assertEquals(
                "FROM alpine:3.20\nRUN echo built",
                resolve(build, "3.20").task().path("dockerfile").asText());
        assertEquals(List.of("{{params.v}}"), resolve(build, "3.20\nRUN id").refused());

        String dsn = resolve(task("sql", "connection_string", "postgresql://db.example/{{params.v}}"), "app?user=root")
                .task()
                .path("connection_string")
                .asText();
        assertEquals("postgresql://db.example/app%3Fuser%3Droot", dsn);
    }

    @Test
    void aUrlParameterIsPercentEncodedSoItStaysOneComponent() {
        String url = resolve(
                        task("http", "url", "https://api.example/users/{{params.v}}?q={{params.v}}"),
                        "a/../b?admin=1&x=y #")
                .task()
                .get("url")
                .asText();

        URI uri = URI.create(url);
        assertEquals("api.example", uri.getHost());
        assertEquals("/users/a/../b?admin=1&x=y #", uri.getPath());
        assertEquals("/users/a%2F..%2Fb%3Fadmin%3D1%26x%3Dy%20%23", uri.getRawPath());
        assertEquals("a/../b?admin=1&x=y #", URLDecoder.decode(uri.getRawQuery().substring(2), StandardCharsets.UTF_8));
    }

    @Test
    void aJsonBodyParameterIsOneJsonLiteralInOrOutOfAString() throws Exception {
        String evil = "\",\"admin\":true,\"x\":\"";
        ObjectNode http = task("http", "body", "{\"name\":\"{{params.v}}\",\"raw\":{{params.v}},\"n\":{{params.n}}}");

        var r = Placeholders.resolve(
                http, JSON.createObjectNode().put("v", evil).put("n", 7), name -> null);
        JsonNode body = JSON.readTree(r.task().get("body").asText());

        assertEquals(3, body.size(), body::toString);
        assertEquals(evil, body.get("name").asText());
        assertEquals(evil, body.get("raw").asText());
        assertEquals(7, body.get("n").asInt());
    }

    @Test
    void aParameterValueIsNeverScannedForPlaceholders() {
        for (ObjectNode t : List.of(
                task("shell", "command", "echo {{params.v}}"),
                task("kafka", "message", "{{params.v}}"),
                task("http", "body", "{\"a\":\"{{params.v}}\"}"))) {
            var r = resolve(t, "{{SECRET}}");

            assertTrue(!r.task().toString().contains("s3cret"), r.task()::toString);
            assertEquals(Set.of(), r.unresolved());
        }
    }
}
