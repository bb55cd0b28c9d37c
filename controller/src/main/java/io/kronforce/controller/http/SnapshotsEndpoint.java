package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.ADMIN;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.replication.Snapshots;
import io.kronforce.controller.web.FrontDoor;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;

/**
 * Ours: named snapshots of the replicated database (docs/REPLICATION.md), admin only. Present only
 * when replication is configured. Restoring one is a command-line step with the controller stopped.
 */
public final class SnapshotsEndpoint implements FrontDoor {
    private final Snapshots snapshots;

    public SnapshotsEndpoint(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public void register(Routes routes) {
        routes.post(
                        "/api/replication/snapshots",
                        ADMIN,
                        (req, res, who) -> JsonIo.send(res, Status.CREATED_201, view(snapshots.take())))
                .get("/api/replication/snapshots", ADMIN, (req, res, who) -> {
                    ObjectNode out = JsonIo.MAPPER.createObjectNode();
                    ArrayNode data = out.putArray("data");
                    snapshots.list().forEach(s -> data.add(view(s)));
                    JsonIo.ok(res, out);
                });
    }

    private static ObjectNode view(Snapshots.Snapshot s) {
        return JsonIo.MAPPER
                .createObjectNode()
                .put("name", s.name())
                .put("size_bytes", s.sizeBytes())
                .put("taken_at", Times.format(s.takenAt().toEpochMilli()));
    }
}
