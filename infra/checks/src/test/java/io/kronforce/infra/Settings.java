package io.kronforce.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The KRONFORCE_* variables the code reads, collected from the main sources, so deployment files
 * cannot set a misspelt one that would be silently ignored.
 */
final class Settings {
    private static final Pattern NAME = Pattern.compile("\"(KRONFORCE_[A-Z0-9_]+)\"");
    /** The replication settings' names (read by the controller's replication feature). */
    static final Set<String> REPLICATION = Set.of(
            "KRONFORCE_REPLICA_URL",
            "KRONFORCE_REPLICA_ENDPOINT",
            "KRONFORCE_REPLICA_REGION",
            "KRONFORCE_REPLICA_PATH_STYLE",
            "KRONFORCE_LITESTREAM_BIN");

    private Settings() {}

    static Set<String> known() {
        Set<String> names = new TreeSet<>(REPLICATION);
        for (String dir : new String[] {"controller/src/main", "worker-runtime"}) {
            try (Stream<Path> files = Files.walk(Repo.root().resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                        .forEach(f -> {
                            Matcher m = NAME.matcher(read(f));
                            while (m.find()) {
                                names.add(m.group(1));
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Read by the launchers and the images' entry-point scripts, not by Java code.
        names.addAll(Set.of("KRONFORCE_JAVA_OPTS", "KRONFORCE_AGENT_JAVA_OPTS"));
        return names;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
