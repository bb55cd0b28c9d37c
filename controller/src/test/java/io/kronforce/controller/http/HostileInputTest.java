package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import io.kronforce.controller.web.RouteSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Every write route of the route table, sent bodies an attacker would send: broken JSON, wrong
 * types in our own field names, deep nesting, control characters and unpaired surrogates, large
 * strings. Whatever the body, the answer is never a 5xx, a refusal is problem+json, and a refused
 * request leaves every stored row as it was (compared row by row in the SQLite file itself).
 *
 * <p>The routes come from the table, so a new write route is attacked without editing here (or
 * fails for want of a path fixture). jqwik shrinks a failing case to the smallest body that fails.
 */
class HostileInputTest {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    /** Columns that a read changes (a key's last use, a session's last sight), left out of the comparison. */
    private static final Set<String> TOUCHED_BY_READS = Set.of("last_used_at_ms", "last_seen_ms", "last_heartbeat_ms");
    /** Our own field names, so generated objects get past "not an object" into field checks. */
    private static final List<String> FIELDS = List.of(
            "name",
            "description",
            "task",
            "type",
            "command",
            "url",
            "method",
            "headers",
            "body",
            "schedule",
            "value",
            "cron",
            "timezone",
            "params",
            "parameters",
            "depends_on",
            "job_id",
            "group",
            "role",
            "retry",
            "max_retries",
            "timeout_secs",
            "max_concurrent",
            "code",
            "config",
            "conn_type",
            "secret",
            "status",
            "snapshot",
            "prompt",
            "tags",
            "agent_id",
            "task_types",
            "notifications",
            "output_rules",
            "starts_at",
            "expires_at",
            "allowed_groups",
            "ip_allowlist",
            "api_key",
            "items",
            "jobs");

    /** Writes every non-ASCII character as an escape, so lone surrogates reach the server as sent. */
    private static final ObjectMapper ESCAPING =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    static Path dir;
    static TestController tc;
    static Map<String, String> fixtures;
    static List<RouteSpec> writeRoutes;
    static final AtomicInteger sent = new AtomicInteger();
    static final AtomicInteger refused = new AtomicInteger();

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("hostile-input");
        tc = TestController.start(dir);
        String job = Api.createJob(tc, Jobs.shell("hostile-target", "true"));
        String execution = Api.trigger(tc, job);
        Api.awaitTerminal(tc, execution, Duration.ofSeconds(10));
        String hooked = Api.createJob(tc, Jobs.shell("hostile-webhook", "true"));
        String token = tc.post("/api/jobs/" + hooked + "/webhook", Role.OPERATOR, null)
                .json()
                .path("token")
                .asText();
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "HOSTILE_VAR", "value", "v"))
                        .status());
        Map<String, String> f = new LinkedHashMap<>();
        f.put("/api/jobs/{id}", job);
        f.put("/api/executions/{id}", execution);
        f.put("/api/variables/{name}", "HOSTILE_VAR");
        f.put("/api/webhooks/{token}", token);
        f.put("/api/jobs/pipeline-schedule/{group}", "hostile-group");
        f.put("/api/agents/{id}", "no-such-agent");
        f.put("/api/agent-queue/{id}", "no-such-agent");
        f.put("/api/connections/{name}", "hostile-conn");
        f.put("/api/scripts/{name}", "hostile-script");
        f.put("/api/templates/{name}", "Shell%20Cron%20Task");
        f.put("/api/jobs/{id}/versions/{version}", "1");
        f.put("/api/keys/{id}", "no-such-key");
        fixtures = Map.copyOf(f);
        writeRoutes = tc.routes().stream()
                .filter(r -> Set.of("POST", "PUT", "PATCH").contains(r.method()))
                .filter(r -> !r.path().equals("/mcp")) // JSON-RPC: its own malformed-input tests
                .toList();
        assertFalse(writeRoutes.isEmpty(), "no write route in the table");
    }

    @AfterContainer
    static void stop() throws IOException {
        tc.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.out.printf(
                "hostile input: %d write routes, %d bodies sent, %d refused with a 4xx, no 5xx%n",
                writeRoutes.size(), sent.get(), refused.get());
        // A property whose every body is accepted would prove nothing about refusals.
        assertTrue(refused.get() > sent.get() / 2, () -> refused + " of " + sent + " refused");
    }

    @Property(tries = 400, seed = "20261208")
    void noBodyMakesAWriteRouteFailOrStoreWhatItRefused(
            @ForAll("writeRoute") RouteSpec route, @ForAll("hostileBody") byte[] body) {
        String path = path(route);
        String before = storedRows();
        TestController.Response r = tc.send(route.method(), path, tc.key(Role.ADMIN), TestController.JSON_TYPE, body);
        sent.incrementAndGet();
        Statistics.collect(r.status() / 100 + "xx");
        Api.assertNoServerError(r, route + " with " + preview(body));
        if (r.status() >= 400) {
            refused.incrementAndGet();
            assertTrue(
                    r.contentType().startsWith("application/problem+json"),
                    () -> route + " refused without problem+json: " + r);
            assertTrue(r.json().hasNonNull("error"), () -> route + " refusal without an error field: " + r);
            assertEquals(before, storedRows(), () -> route + " stored something although it answered " + r);
        } else {
            settle(); // an accepted write may start a run; let it end before the next comparison
        }
    }

    @Provide
    Arbitrary<RouteSpec> writeRoute() {
        return Arbitraries.of(writeRoutes);
    }

    @Provide
    Arbitrary<byte[]> hostileBody() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, typedObjects().map(HostileInputTest::utf8)),
                Tuple.of(2, brokenJson()),
                Tuple.of(1, deepNesting()),
                Tuple.of(1, rawBytes()),
                Tuple.of(1, largeStrings().map(HostileInputTest::utf8)));
    }

    /** Objects keyed by our own field names, holding values of every JSON type. */
    private static Arbitrary<Object> typedObjects() {
        return Arbitraries.maps(Arbitraries.of(FIELDS), jsonValues(3))
                .ofMaxSize(6)
                .map(m -> (Object) m);
    }

    private static Arbitrary<Object> jsonValues(int depth) {
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                hostileStrings().map(s -> (Object) s),
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return leaves;
        }
        return Arbitraries.oneOf(
                leaves,
                leaves,
                jsonValues(depth - 1).list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.of(FIELDS), jsonValues(depth - 1))
                        .ofMaxSize(4)
                        .map(m -> (Object) m));
    }

    /** Strings with what breaks naive code: NUL, newlines, quotes, RTL marks, emoji, lone surrogates. */
    private static Arbitrary<String> hostileStrings() {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.chars().ascii(),
                Arbitraries.of('\u0000', '\n', '\r', '"', '\\', '\u202e', '\u00e9', '{', '}', '$', ';', '\''),
                Arbitraries.of('\ud83d', '\ude00', '\udfff', '\ufeff', '\uffff'));
        return Arbitraries.oneOf(
                chars.list().ofMaxSize(40).map(HostileInputTest::join),
                Arbitraries.of("{{DB_PASS}}", "$(id)", "'; DROP TABLE jobs; --", "../../etc/passwd", "\ud83d\ude00"));
    }

    /** A valid object cut at a random point, or with a byte flipped into something invalid. */
    private static Arbitrary<byte[]> brokenJson() {
        return Combinators.combine(typedObjects(), Arbitraries.integers().between(0, 1000))
                .as((object, cut) -> {
                    byte[] whole = utf8(object);
                    int at = Math.min(cut, Math.max(0, whole.length - 1));
                    return Arrays.copyOf(whole, at);
                });
    }

    /** Arrays nested deeper than any parser limit we set, as arrays or as objects. */
    private static Arbitrary<byte[]> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(500, 20_000), Arbitraries.of(true, false))
                .as((depth, arrays) -> {
                    String open = arrays ? "[" : "{\"name\":";
                    String close = arrays ? "]" : "}";
                    return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
                });
    }

    /** Bytes that are not UTF-8 at all. */
    private static Arbitrary<byte[]> rawBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }

    /** Our field names with strings of up to a few MiB (under the body limit, over any sane field). */
    private static Arbitrary<Object> largeStrings() {
        return Combinators.combine(
                        Arbitraries.of(FIELDS), Arbitraries.integers().between(10_000, 3_000_000))
                .as((field, length) -> (Object) Map.of(field, "x".repeat(length)));
    }

    private static String join(List<Character> chars) {
        StringBuilder b = new StringBuilder(chars.size());
        chars.forEach(b::append);
        return b.toString();
    }

    private static byte[] utf8(Object value) {
        try {
            return ESCAPING.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return body.length + " bytes: " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    private static String path(RouteSpec route) {
        Matcher m = PARAM.matcher(route.path());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = route.path().substring(0, m.end());
            String value = fixtures.get(key);
            assertTrue(
                    value != null,
                    () -> "no path fixture for " + key + " in " + route + ": add one to HostileInputTest");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Waits until what an accepted write set going has ended: no run waiting to start or running,
     * no notification left to send, and the stored rows the same twice in a row.
     */
    private static void settle() {
        String last = "";
        for (int i = 0; i < 500; i++) {
            String now = storedRows();
            if (now.equals(last) && count(UNSETTLED) == 0) {
                return;
            }
            last = now;
            sleep(20);
        }
        throw new AssertionError("the controller did not settle: " + last);
    }

    private static final String UNSETTLED = "SELECT (SELECT count(*) FROM executions WHERE status IN"
            + " ('pending', 'running', 'queued')) + (SELECT count(*) FROM notification_outbox)";

    private static long count(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + tc.dbFile() + "?mode=ro");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A digest per table of every row, read from the SQLite file the controller writes. */
    private static String storedRows() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + tc.dbFile() + "?mode=ro");
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            StringBuilder digest = new StringBuilder();
            for (String table : tables) {
                digest.append(table).append('=').append(tableDigest(s, table)).append('\n');
            }
            return digest.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tableDigest(Statement s, String table) throws SQLException {
        MessageDigest sha = sha256();
        int rows = 0;
        try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                rows++;
                for (int i = 1; i <= columns; i++) {
                    if (!TOUCHED_BY_READS.contains(rs.getMetaData().getColumnName(i))) {
                        sha.update(String.valueOf(rs.getString(i)).getBytes(StandardCharsets.UTF_8));
                        sha.update((byte) 0);
                    }
                }
            }
        }
        return rows + ":" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
