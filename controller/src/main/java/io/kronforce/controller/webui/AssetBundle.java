package io.kronforce.controller.webui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file under the versioned asset path: the application's own files (class-path folder
 * {@code dashboard/app}) and the libraries taken from their WebJars under {@code vendor/}. The build id
 * is a digest of all of them, so a changed file is a new URL and old URLs can be cached forever.
 */
final class AssetBundle {
    private static final String OWN_ROOT = "dashboard/app";
    /** Library file in the bundle → WebJar artifact and the file's path inside the package. */
    private static final Map<String, String[]> LIBRARIES = Map.of(
            "vendor/preact.module.js", new String[] {"preact", "dist/preact.module.js"},
            "vendor/hooks.module.js", new String[] {"preact", "hooks/dist/hooks.module.js"},
            "vendor/uPlot.esm.js", new String[] {"uplot", "dist/uPlot.esm.js"},
            "vendor/uPlot.min.css", new String[] {"uplot", "dist/uPlot.min.css"},
            "vendor/cytoscape.esm.min.mjs", new String[] {"cytoscape", "dist/cytoscape.esm.min.mjs"});

    private final Map<String, Asset> assets;
    private final String buildId;

    private AssetBundle(Map<String, Asset> assets, String buildId) {
        this.assets = Map.copyOf(assets);
        this.buildId = buildId;
    }

    static AssetBundle load(ClassLoader loader) {
        Map<String, Asset> assets = new TreeMap<>();
        readOwnFiles(loader).forEach((path, bytes) -> assets.put(path, Asset.of(path, bytes)));
        LIBRARIES.forEach((path, source) -> assets.put(path, Asset.of(path, webJarFile(loader, source[0], source[1]))));
        MessageDigest digest = sha256();
        assets.forEach((path, asset) -> {
            digest.update(path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(asset.raw());
        });
        return new AssetBundle(assets, HexFormat.of().formatHex(digest.digest()).substring(0, 12));
    }

    String buildId() {
        return buildId;
    }

    /** The asset at {@code path} (relative to the versioned root), or null. */
    Asset get(String path) {
        return assets.get(path);
    }

    Map<String, Asset> all() {
        return assets;
    }

    /** Version of a WebJar on the class path, from the Maven descriptor every WebJar carries. */
    static String webJarVersion(ClassLoader loader, String artifact) {
        String descriptor = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = loader.getResourceAsStream(descriptor)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + artifact + " is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] webJarFile(ClassLoader loader, String artifact, String file) {
        String name = "META-INF/resources/webjars/" + artifact + "/" + webJarVersion(loader, artifact) + "/" + file;
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files under {@value #OWN_ROOT}, from a directory (tests, IDE) or from inside the jar. */
    private static Map<String, byte[]> readOwnFiles(ClassLoader loader) {
        var marker = loader.getResource(OWN_ROOT + "/app.js");
        if (marker == null) {
            throw new IllegalStateException("dashboard files are missing from the class path");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return walk(jar.getPath("/" + OWN_ROOT));
                }
            }
            return walk(Path.of(uri).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> walk(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                out.put(rel, Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
