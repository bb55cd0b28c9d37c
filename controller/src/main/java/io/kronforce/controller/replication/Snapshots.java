package io.kronforce.controller.replication;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.KronforceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Named snapshots beside the replica ({@code <path>/snapshots/<name>}): a consistent copy taken
 * with {@code VACUUM INTO} into a temporary file, uploaded with the AWS SDK (in 16 MiB parts when
 * larger), listed, and restored by name into a missing database file. Unlike Litestream's
 * generations they are kept until someone deletes them.
 */
public final class Snapshots {
    private static final Logger LOG = Logger.getLogger(Snapshots.class.getName());
    static final long PART_BYTES = 16L << 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One snapshot in the bucket. */
    public record Snapshot(String name, long sizeBytes, Instant takenAt) {}

    private final ReplicaSettings settings;
    private final Database db;
    private final InstantSource clock;

    public Snapshots(ReplicaSettings settings, Database db, InstantSource clock) {
        this.settings = settings;
        this.db = db;
        this.clock = clock;
    }

    /** Takes and uploads a snapshot; returns it. */
    public Snapshot take() {
        Instant now = clock.instant();
        String name = "kronforce-" + STAMP.format(now) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".db";
        Path folder = db.settings().file().toAbsolutePath().getParent();
        Path copy = folder.resolve("." + name + ".tmp");
        try {
            Files.deleteIfExists(copy);
            db.copyTo(copy);
            long size = Files.size(copy);
            try (S3Client s3 = ReplicaClients.create(settings)) {
                upload(s3, key(name), copy, size);
            }
            LOG.info("snapshot " + name + " (" + size + " bytes) uploaded to " + settings.url());
            return new Snapshot(name, size, now);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot " + name + " failed", e);
        } catch (SdkException e) {
            throw new KronforceException.Unavailable(
                    "uploading the snapshot to " + settings.url() + " failed: " + e.getMessage(), 60);
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                LOG.warning("cannot delete " + copy + ": " + e.getMessage());
            }
        }
    }

    /** Snapshots in the bucket, newest first. */
    public List<Snapshot> list() {
        return list(settings);
    }

    static List<Snapshot> list(ReplicaSettings settings) {
        List<Snapshot> out = new ArrayList<>();
        try (S3Client s3 = ReplicaClients.create(settings)) {
            String prefix = settings.key("snapshots/");
            for (S3Object o : s3.listObjectsV2Paginator(
                            r -> r.bucket(settings.bucket()).prefix(prefix))
                    .contents()) {
                out.add(new Snapshot(o.key().substring(prefix.length()), o.size(), o.lastModified()));
            }
        } catch (SdkException e) {
            throw new KronforceException.Unavailable(
                    "listing snapshots in " + settings.url() + " failed: " + e.getMessage(), 60);
        }
        out.sort(Comparator.comparing(Snapshot::takenAt).reversed());
        return out;
    }

    /**
     * Downloads snapshot {@code name} into {@code database}, which must not exist (the controller
     * is stopped; a running one would keep writing to the file it has open).
     */
    public static long restore(ReplicaSettings settings, String name, Path database) {
        if (!NAME.matcher(name).matches()) {
            throw new ReplicationStartFailure("'" + name + "' is not a snapshot name");
        }
        if (Files.exists(database)) {
            throw new ReplicationStartFailure(
                    database + " exists: move it away first (a snapshot restores only" + " into a missing file)");
        }
        Path target = database.toAbsolutePath();
        Path partial = target.resolveSibling("." + target.getFileName() + ".restore.tmp");
        try (S3Client s3 = ReplicaClients.create(settings)) {
            Files.createDirectories(target.getParent());
            try (InputStream in =
                    s3.getObject(r -> r.bucket(settings.bucket()).key(settings.key("snapshots/" + name)))) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(target);
        } catch (NoSuchKeyException e) {
            throw new ReplicationStartFailure("no snapshot named '" + name + "' in " + settings.url());
        } catch (IOException | SdkException e) {
            throw new ReplicationStartFailure("restoring snapshot '" + name + "' failed: " + e.getMessage());
        }
    }

    private String key(String name) {
        return settings.key("snapshots/" + name);
    }

    private void upload(S3Client s3, String key, Path file, long size) throws IOException {
        if (size <= PART_BYTES) {
            s3.putObject(r -> r.bucket(settings.bucket()).key(key), RequestBody.fromFile(file));
            return;
        }
        String id = s3.createMultipartUpload(r -> r.bucket(settings.bucket()).key(key))
                .uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            for (int n = 1; (long) (n - 1) * PART_BYTES < size; n++) {
                byte[] chunk = in.readNBytes((int) PART_BYTES);
                int part = n;
                String etag = s3.uploadPart(
                                r -> r.bucket(settings.bucket())
                                        .key(key)
                                        .uploadId(id)
                                        .partNumber(part),
                                RequestBody.fromBytes(chunk))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
            }
            s3.completeMultipartUpload(
                    r -> r.bucket(settings.bucket()).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            s3.abortMultipartUpload(r -> r.bucket(settings.bucket()).key(key).uploadId(id));
            throw e;
        }
    }
}
