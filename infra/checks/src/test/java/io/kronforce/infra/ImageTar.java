package io.kronforce.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code docker save} archive as Jib writes it, unpacked the way a container engine does: the
 * layers applied in manifest order into one root folder, and the image's run configuration read.
 */
final class ImageTar {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path rootfs;
    final JsonNode config;

    private ImageTar(Path rootfs, JsonNode config) {
        this.rootfs = rootfs;
        this.config = config;
    }

    static ImageTar unpack(Path tar, Path into) throws IOException {
        Path blobs = Files.createDirectories(into.resolve("blobs"));
        Path rootfs = Files.createDirectories(into.resolve("rootfs"));
        Command.run(blobs, List.of("tar", "-xf", tar.toString())).requireSuccess();
        JsonNode manifest =
                JSON.readTree(blobs.resolve("manifest.json").toFile()).get(0);
        for (JsonNode layer : manifest.get("Layers")) {
            // Numeric owners kept (we run as root): /data must stay the image user's.
            Command.run(
                            rootfs,
                            List.of(
                                    "tar",
                                    "--warning=no-unknown-keyword",
                                    "--numeric-owner",
                                    "-xzf",
                                    blobs.resolve(layer.asText()).toString()))
                    .requireSuccess();
        }
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));
        return new ImageTar(
                rootfs,
                JSON.readTree(blobs.resolve(manifest.get("Config").asText()).toFile()));
    }

    /** Only the run configuration, nothing unpacked ({@link #rootfs} is null). */
    static ImageTar readConfig(Path tar) throws IOException {
        Path dir = java.nio.file.Files.createTempDirectory("image-config");
        try {
            Command.run(dir, List.of("tar", "-xf", tar.toString(), "manifest.json"))
                    .requireSuccess();
            JsonNode manifest =
                    JSON.readTree(dir.resolve("manifest.json").toFile()).get(0);
            String config = manifest.get("Config").asText();
            Command.run(dir, List.of("tar", "-xf", tar.toString(), config)).requireSuccess();
            return new ImageTar(null, JSON.readTree(dir.resolve(config).toFile()));
        } finally {
            Command.run(Path.of("."), List.of("rm", "-rf", dir.toString()));
        }
    }

    List<String> exposedPorts() {
        List<String> out = new ArrayList<>();
        config.path("config").path("ExposedPorts").fieldNames().forEachRemaining(out::add);
        return out.stream().sorted().toList();
    }

    List<String> volumes() {
        List<String> out = new ArrayList<>();
        config.path("config").path("Volumes").fieldNames().forEachRemaining(out::add);
        return out.stream().sorted().toList();
    }

    List<String> labelNames() {
        List<String> out = new ArrayList<>();
        config.path("config").path("Labels").fieldNames().forEachRemaining(out::add);
        return out;
    }

    List<String> entrypoint() {
        return strings(config.path("config").path("Entrypoint"));
    }

    List<String> cmd() {
        return strings(config.path("config").path("Cmd"));
    }

    String user() {
        return config.path("config").path("User").asText();
    }

    String workingDir() {
        return config.path("config").path("WorkingDir").asText("/");
    }

    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : strings(config.path("config").path("Env"))) {
            int eq = kv.indexOf('=');
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return env;
    }

    String label(String name) {
        return config.path("config").path("Labels").path(name).asText(null);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
