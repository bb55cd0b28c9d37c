package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.ADMIN;
import static io.kronforce.controller.domain.Access.PUBLIC;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.kronforce.controller.assistant.JobAssistant;
import io.kronforce.controller.system.SystemStatus;
import io.kronforce.controller.system.Vacuum;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;
import java.nio.charset.StandardCharsets;

/**
 * System routes: the public {@code /api/health}, {@code /api/config}, {@code /metrics}
 * (docs/reference/rest.md#system, docs/reference/operations.md) and the admin's
 * {@code POST /api/admin/vacuum}.
 */
final class SystemEndpoint {
    private final SystemStatus status;
    private final JobAssistant assistant;
    private final Vacuum vacuum;
    private final boolean demoMode;

    SystemEndpoint(SystemStatus status, JobAssistant assistant, Vacuum vacuum, boolean demoMode) {
        this.status = status;
        this.assistant = assistant;
        this.vacuum = vacuum;
        this.demoMode = demoMode;
    }

    void register(Routes routes) {
        routes.get("/api/health", PUBLIC, (req, res, who) -> {
                    SystemStatus.Health h = status.health();
                    boolean dbOk = h.dbOk() && h.writeFailure().isEmpty();
                    boolean ok = h.started() && dbOk;
                    ObjectNode out = JsonIo.MAPPER
                            .createObjectNode()
                            .put("status", !h.started() ? "starting" : dbOk ? "ok" : "degraded")
                            .put("version", SystemStatus.VERSION);
                    ObjectNode db = out.putObject("db")
                            .put("ok", dbOk)
                            .put("size_bytes", h.sizeBytes())
                            .put("wal_size_bytes", h.walSizeBytes())
                            .put("pool_size", h.poolSize());
                    // A full disk still answers reads: only the last write tells, until one commits again.
                    h.writeFailure().ifPresent(reason -> db.put("error", reason));
                    h.replication()
                            .ifPresent(r -> out.putObject("replication")
                                    .put("url", r.url())
                                    .put("running", r.running())
                                    .put("healthy", r.healthy())
                                    .put("seconds_since_upload", r.secondsSinceUpload())
                                    .put("wal_pending_bytes", r.pendingWalBytes())
                                    .put("sync_errors", r.syncErrors())
                                    .put("restarts", r.restarts())
                                    .put("down_seconds", r.downSeconds()));
                    JsonIo.send(
                            res,
                            ok ? io.helidon.http.Status.OK_200 : io.helidon.http.Status.SERVICE_UNAVAILABLE_503,
                            out);
                })
                .get(
                        "/api/config",
                        PUBLIC,
                        (req, res, who) -> JsonIo.ok(
                                res,
                                JsonIo.MAPPER
                                        .createObjectNode()
                                        .put("demo_mode", demoMode)
                                        .put("ai_enabled", assistant.enabled())))
                .post("/api/admin/vacuum", ADMIN, (req, res, who) -> {
                    Vacuum.Result done = vacuum.run(who);
                    JsonIo.ok(
                            res,
                            JsonIo.MAPPER
                                    .createObjectNode()
                                    .put("status", "ok")
                                    .put("size_before", done.sizeBefore())
                                    .put("size_after", done.sizeAfter())
                                    .put("elapsed_ms", done.elapsedMillis()));
                })
                .get("/metrics", PUBLIC, (req, res, who) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    res.send(status.metrics().getBytes(StandardCharsets.UTF_8));
                });
    }
}
