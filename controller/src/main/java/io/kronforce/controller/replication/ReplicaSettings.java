package io.kronforce.controller.replication;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how the database is replicated, read from {@code KRONFORCE_REPLICA_*}
 * (docs/CONFIGURATION.md). Absent when {@code KRONFORCE_REPLICA_URL} is unset.
 *
 * @param bucket the bucket of {@code s3://bucket/path}
 * @param prefix the path of that URL without slashes at either end; may be empty
 * @param endpoint an S3-compatible server's base URL; null for AWS itself
 * @param keys null: Litestream and the SDK use their default credential chains
 * @param litestream the Litestream binary to run
 * @param leaseTtl how long the writer lease holds without renewal (renewed every third of it)
 */
public record ReplicaSettings(
        String bucket,
        String prefix,
        String endpoint,
        String region,
        boolean pathStyle,
        Duration syncInterval,
        boolean createBucket,
        AwsKeys keys,
        Path litestream,
        Duration leaseTtl) {

    /** Litestream's replica lives in a folder named after its format, so an upgrade starts a fresh one. */
    static final String FORMAT_FOLDER = "v03";
    /** Where the launcher puts the pinned binary, relative to the controller jar's folder. */
    static final Path BESIDE_JAR =
            Path.of("litestream", "node_modules", "@flydotio", "litestream-linux-x64", "litestream");

    /** A setting that cannot be used; the message names the variable. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads the settings; {@code jarFolder} (may be null) is where a fetched binary is looked for. */
    public static Optional<ReplicaSettings> fromEnv(Map<String, String> env, Path jarFolder) {
        String url = text(env, "KRONFORCE_REPLICA_URL");
        if (url == null) {
            return Optional.empty();
        }
        if (!url.startsWith("s3://") || url.length() == 5 || url.charAt(5) == '/') {
            throw new Invalid("KRONFORCE_REPLICA_URL must look like s3://bucket/path, got '" + url + "'");
        }
        String rest = url.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new Invalid("KRONFORCE_REPLICA_URL bucket '" + bucket + "' is not a valid S3 bucket name");
        }
        String endpoint = text(env, "KRONFORCE_REPLICA_ENDPOINT");
        if (endpoint != null) {
            URI parsed;
            try {
                parsed = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                parsed = null;
            }
            if (parsed == null
                    || parsed.getHost() == null
                    || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
                throw new Invalid("KRONFORCE_REPLICA_ENDPOINT must be an http(s) URL, got '" + endpoint + "'");
            }
            endpoint = endpoint.replaceAll("/+$", "");
        }
        String region = Optional.ofNullable(text(env, "KRONFORCE_REPLICA_REGION"))
                .orElse(Optional.ofNullable(text(env, "AWS_REGION")).orElse("us-east-1"));
        boolean pathStyle = flag(env, "KRONFORCE_REPLICA_PATH_STYLE", endpoint != null);
        long syncMs = number(env, "KRONFORCE_REPLICA_SYNC_INTERVAL_MS", 1000, 100, 3_600_000);
        boolean create = flag(env, "KRONFORCE_REPLICA_CREATE_BUCKET", false);
        long leaseSecs = number(env, "KRONFORCE_REPLICA_LEASE_SECS", 30, 2, 3600);
        return Optional.of(new ReplicaSettings(
                bucket,
                prefix,
                endpoint,
                region,
                pathStyle,
                Duration.ofMillis(syncMs),
                create,
                keys(env),
                binary(env, jarFolder),
                Duration.ofSeconds(leaseSecs)));
    }

    /** The folder Litestream replicates into: the URL's path plus the format folder. */
    public String litestreamPath() {
        return prefix.isEmpty() ? FORMAT_FOLDER : prefix + "/" + FORMAT_FOLDER;
    }

    /** The URL as the operator wrote it (no secrets in it), for messages. */
    public String url() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /** Object key under the replica's prefix. */
    public String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static AwsKeys keys(Map<String, String> env) {
        String id = text(env, "AWS_ACCESS_KEY_ID");
        String secret = text(env, "AWS_SECRET_ACCESS_KEY");
        if (id == null && secret == null) {
            return null;
        }
        if (id == null || secret == null) {
            throw new Invalid("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together for replication");
        }
        return new AwsKeys(id, secret, text(env, "AWS_SESSION_TOKEN"));
    }

    private static Path binary(Map<String, String> env, Path jarFolder) {
        String configured = text(env, "KRONFORCE_LITESTREAM_BIN");
        if (configured != null) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new Invalid("KRONFORCE_LITESTREAM_BIN '" + configured + "' is not an executable file");
            }
            return p;
        }
        if (jarFolder != null && Files.isExecutable(jarFolder.resolve(BESIDE_JAR))) {
            return jarFolder.resolve(BESIDE_JAR);
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "litestream"))) {
                return Path.of(dir, "litestream");
            }
        }
        throw new Invalid("KRONFORCE_REPLICA_URL is set but no Litestream binary was found: ./kronforce fetches the"
                + " pinned one, or set KRONFORCE_LITESTREAM_BIN to its path");
    }

    private static String trimSlashes(String s) {
        return s.replaceAll("^/+", "").replaceAll("/+$", "");
    }

    private static String text(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static boolean flag(Map<String, String> env, String name, boolean fallback) {
        String v = text(env, name);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new Invalid(name + " must be true or false, got '" + v + "'");
        };
    }

    private static long number(Map<String, String> env, String name, long fallback, long min, long max) {
        String v = text(env, name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Invalid(name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }
}
