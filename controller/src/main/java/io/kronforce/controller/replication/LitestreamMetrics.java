package io.kronforce.controller.replication;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Litestream's own Prometheus {@code /metrics} on loopback. Litestream has no lag metric;
 * what is not replicated yet is its shadow WAL position minus the replica's position.
 */
final class LitestreamMetrics {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI uri;

    /** The positions read: bytes waiting for upload and Litestream's own sync error count. */
    record Sample(long pendingBytes, long syncErrors) {}

    LitestreamMetrics(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    /** Empty when Litestream does not answer. */
    Optional<Sample> read() {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(parse(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** One database, one replica: series are keyed by name alone. */
    static Sample parse(String text) {
        Map<String, Double> v = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            int brace = line.indexOf('{');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            try {
                v.put(name, Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException ignored) {
                // not a sample we read
            }
        }
        long shadowIndex = (long) (double) v.getOrDefault("litestream_shadow_wal_index", 0.0);
        long shadowSize = (long) (double) v.getOrDefault("litestream_shadow_wal_size", 0.0);
        long pending;
        if (!v.containsKey("litestream_replica_wal_index")) {
            pending = shadowSize; // nothing reached the replica yet in this process
        } else {
            long replicaIndex = (long) (double) v.get("litestream_replica_wal_index");
            long replicaOffset = (long) (double) v.getOrDefault("litestream_replica_wal_offset", 0.0);
            pending = replicaIndex == shadowIndex
                    ? Math.max(0, shadowSize - replicaOffset)
                    : replicaIndex < shadowIndex ? shadowSize : 0;
        }
        return new Sample(pending, (long) (double) v.getOrDefault("litestream_sync_error_count", 0.0));
    }
}
