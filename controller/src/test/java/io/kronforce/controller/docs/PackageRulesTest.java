package io.kronforce.controller.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md, checked on the sources: front doors never reach the
 * stores, only the store touches JDBC, the domain stays free of our other packages, and only
 * {@code main} reads the wall clock. {@code app} may hold a {@code java.sql.Connection} as the
 * handle of the writer's transaction it composes (docs/decisions/0006), never run SQL itself.
 */
class PackageRulesTest {
    private static final Path SOURCES = Path.of(System.getProperty("user.dir"), "src/main/java/io/kronforce/controller");
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "domain", List.of("io.kronforce.controller.", "java.sql", "io.helidon"),
            "schedule", List.of("io.kronforce.controller.store", "io.kronforce.controller.http", "java.sql", "io.helidon"),
            "exec", List.of("io.kronforce.controller.store", "io.kronforce.controller.http",
                    "io.kronforce.controller.app", "java.sql", "io.helidon"),
            "app", List.of("io.kronforce.controller.http", "java.sql.PreparedStatement", "java.sql.ResultSet",
                    "java.sql.Statement", "java.sql.DriverManager", "io.helidon"),
            "http", List.of("io.kronforce.controller.store.Database", "io.kronforce.controller.store.Sql", "java.sql"),
            // MCP is a front door like REST: use cases only, never the database itself.
            "mcp", List.of("io.kronforce.controller.store.Database", "io.kronforce.controller.store.Sql", "java.sql",
                    "io.kronforce.controller.exec", "io.kronforce.controller.schedule"),
            "rules", List.of("io.kronforce.controller.store", "io.kronforce.controller.http",
                    "io.kronforce.controller.app", "io.kronforce.controller.exec", "java.sql", "io.helidon"),
            // Replication runs beside the store: a child process and the bucket, never SQL or HTTP routes.
            "replication", List.of("io.kronforce.controller.http", "java.sql", "io.helidon",
                    "io.kronforce.controller.exec", "io.kronforce.controller.schedule"),
            // Notifications are a use case like app: transactions yes, SQL and concrete channels no.
            "notify", List.of("io.kronforce.controller.http", "java.sql.PreparedStatement", "java.sql.ResultSet",
                    "java.sql.Statement", "java.sql.DriverManager", "io.helidon", "io.kronforce.notifier.webhooks",
                    "io.kronforce.notifier.email", "io.kronforce.notifier.twilio"));
    private static final List<String> CLOCK_READS =
            List.of("Instant.now()", "System.currentTimeMillis()", "LocalDateTime.now()", "InstantSource.system()");

    @Test
    void packages_import_only_what_their_rules_allow() throws IOException {
        List<String> violations = new ArrayList<>();
        for (var rule : FORBIDDEN.entrySet()) {
            for (Path file : javaFiles(rule.getKey())) {
                for (String line : Files.readAllLines(file)) {
                    for (String banned : rule.getValue()) {
                        boolean ownDomain = rule.getKey().equals("domain") && line.contains("controller.domain.");
                        if (line.startsWith("import ") && line.contains(banned) && !ownDomain) {
                            violations.add(file.getFileName() + ": " + line);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void only_main_and_the_store_writer_read_the_wall_clock() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : List.of("domain", "schedule", "exec", "app", "http", "mcp", "rules", "notify")) {
            for (Path file : javaFiles(pkg)) {
                String text = Files.readString(file);
                CLOCK_READS.stream().filter(text::contains).forEach(c -> violations.add(file.getFileName() + ": " + c));
            }
        }
        assertEquals(List.of(), violations);
    }

    private static List<Path> javaFiles(String pkg) throws IOException {
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
