package io.kronforce.controller.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.duty.Duty;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One writer per replica: a lease object ({@code <path>/writer-lease.json}) in the bucket, held by
 * the controller that replicates and renewed every third of its time to live. Every change is a
 * conditional write: {@code If-None-Match: *} creates it, {@code If-Match: <etag>} renews it or
 * takes over an expired one, so two controllers never both win. A controller that finds the lease
 * held waits as a standby, before it opens the database or listens, and takes over when the lease
 * runs out (docs/REPLICATION.md).
 *
 * <p>Some S3-compatible servers (S3Proxy 4.1.0) refuse {@code If-None-Match: *} even for a missing
 * key while honouring {@code If-Match}; there the first lease is written plainly and read back,
 * and a controller that lost that rare race finds out at its first renewal and stops.
 */
public final class WriterLease implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WriterLease.class.getName());
    private static final ObjectMapper JSON = io.kronforce.controller.domain.JsonMapping.MAPPER;
    static final String KEY = "writer-lease.json";

    /** The lease as stored; {@code etag} is the object's, for the next conditional write. */
    record Held(String owner, String host, String database, long expiresMs, String etag) {}

    private final S3Client s3;
    private final ReplicaSettings settings;
    private final InstantSource clock;
    private final String owner = UUID.randomUUID().toString();
    private final String host;
    private final String database;
    private volatile Duty renewer;
    private volatile boolean lost;
    private volatile String etag;
    private volatile Held previous;

    WriterLease(S3Client s3, ReplicaSettings settings, Path database, InstantSource clock) {
        this.s3 = s3;
        this.settings = settings;
        this.clock = clock;
        this.database = database.toAbsolutePath().toString();
        this.host = hostName();
    }

    /**
     * Blocks until this controller holds the lease: at once when it is free or expired, else when
     * its holder stops renewing it.
     */
    void acquire() throws InterruptedException {
        String key = settings.key(KEY);
        boolean announced = false;
        while (true) {
            Optional<Held> current = read();
            long now = clock.millis();
            if (current.isEmpty()) {
                if (create()) {
                    return;
                }
            } else if (current.get().expiresMs() <= now) {
                if (write(current.get().etag())) {
                    previous = current.get();
                    LOG.info("took over the expired writer lease of " + describe(current.get()));
                    return;
                }
            } else {
                if (!announced) {
                    LOG.warning("replica " + settings.url() + " has a writer: " + describe(current.get())
                            + "; waiting as a standby until its lease (" + key + ") runs out");
                    announced = true;
                }
                Thread.sleep(Math.max(
                        100,
                        Math.min(
                                current.get().expiresMs() - now + 50,
                                settings.leaseTtl().toMillis() / 3)));
            }
        }
    }

    /**
     * Whether the last holder was another controller (or this one on another file): then the local
     * file, if any, is older than the replica and must be restored afresh.
     */
    boolean takenFromAnother() {
        Held p = previous;
        return p != null && !(p.host().equals(host) && p.database().equals(database));
    }

    /** Renews every third of the TTL; {@code onLost} runs once if another controller took the lease. */
    void keepRenewing(Runnable onLost) {
        Duration period = Duration.ofMillis(Math.max(100, settings.leaseTtl().toMillis() / 3));
        renewer = Duty.every(
                "kronforce-writer-lease", period, Duty.Plan.standard().firstAfter(period), () -> renew(onLost));
        renewer.start();
    }

    private void renew(Runnable onLost) {
        if (lost) {
            return; // renewing a lease another controller holds would take it back from under it
        }
        try {
            if (!write(etag) && !stillOurs()) {
                LOG.severe("the writer lease of " + settings.url() + " was taken by another controller");
                lost = true;
                onLost.run();
            }
        } catch (SdkException e) {
            LOG.log(Level.WARNING, "renewing the writer lease failed; trying again", e);
        }
    }

    /** Hands the lease back (expired at once), so a standby takes over without waiting. */
    @Override
    public void close() {
        Duty r = renewer;
        if (r != null) {
            r.close();
        }
        try {
            if (etag != null && !lost) {
                put(0, etag, false);
                LOG.info("writer lease of " + settings.url() + " released");
            }
        } catch (S3Exception e) {
            LOG.warning("writer lease not released (" + e.awsErrorDetails().errorCode() + "); it expires by itself");
        } catch (SdkException e) {
            LOG.warning("writer lease not released (" + e.getMessage() + "); it expires by itself");
        } finally {
            s3.close();
        }
    }

    /**
     * A refused renewal is a loss only when another owner's lease is there now: a renewal the SDK
     * sent twice (the first answer lost) fails its own If-Match although the lease is still ours.
     */
    private boolean stillOurs() {
        Optional<Held> current = read();
        if (current.isPresent() && current.get().owner().equals(owner)) {
            etag = current.get().etag();
            return true;
        }
        return false;
    }

    private boolean create() {
        try {
            etag = put(clock.millis() + settings.leaseTtl().toMillis(), null, true);
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() != 412) {
                throw e;
            }
            if (read().isPresent()) {
                return false; // another controller created it first
            }
            // The server refused a create of a missing key: it does not honour If-None-Match.
            etag = put(clock.millis() + settings.leaseTtl().toMillis(), null, false);
            Optional<Held> back = read();
            return back.isPresent() && back.get().owner().equals(owner);
        }
    }

    /** A conditional write over {@code expectedEtag}: false when another write came first. */
    private boolean write(String expectedEtag) {
        try {
            etag = put(clock.millis() + settings.leaseTtl().toMillis(), expectedEtag, false);
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private String put(long expiresMs, String ifMatch, boolean ifNoneMatch) {
        String body = JSON.createObjectNode()
                .put("owner", owner)
                .put("host", host)
                .put("database", database)
                .put("expires_ms", expiresMs)
                .put("renewed_ms", clock.millis())
                .toString();
        return s3.putObject(
                        r -> {
                            r.bucket(settings.bucket()).key(settings.key(KEY)).contentType("application/json");
                            if (ifMatch != null) {
                                r.ifMatch(ifMatch);
                            }
                            if (ifNoneMatch) {
                                r.ifNoneMatch("*");
                            }
                        },
                        RequestBody.fromString(body))
                .eTag();
    }

    private Optional<Held> read() {
        try {
            var object = s3.getObjectAsBytes(r -> r.bucket(settings.bucket()).key(settings.key(KEY)));
            JsonNode n = JSON.readTree(object.asByteArray());
            return Optional.of(new Held(
                    n.path("owner").asText(),
                    n.path("host").asText(),
                    n.path("database").asText(),
                    n.path("expires_ms").asLong(),
                    object.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Not ours to read: treat as expired so a conditional write replaces it.
            return Optional.of(new Held("?", "?", "?", 0, null));
        }
    }

    private String describe(Held h) {
        return "controller on " + h.host() + " (" + h.database() + ")";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** For tests and health: how long a lease lives without renewal. */
    Duration ttl() {
        return settings.leaseTtl();
    }
}
