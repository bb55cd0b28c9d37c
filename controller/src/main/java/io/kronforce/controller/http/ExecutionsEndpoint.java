package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.domain.Access.WRITE;

import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.kronforce.controller.access.StreamTickets;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.listing.ExecutionQuery;
import io.kronforce.controller.exec.LiveOutput;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.views.Views;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Query;
import io.kronforce.controller.web.Routes;

/**
 * {@code /api/executions}: list, get, cancel, approve, and live output over SSE (docs/reference/rest.md#executions).
 */
final class ExecutionsEndpoint {
    private static final java.time.Duration PING_INTERVAL = java.time.Duration.ofSeconds(15);

    private final ExecutionControl executions;
    private final StreamTickets tickets;

    ExecutionsEndpoint(ExecutionControl executions, StreamTickets tickets) {
        this.executions = executions;
        this.tickets = tickets;
    }

    void register(Routes routes) {
        routes.get(
                        "/api/executions",
                        READ,
                        (req, res, who) ->
                                JsonIo.ok(res, Views.page(executions.list(who, query(req)), Views::execution)))
                .get(
                        "/api/executions/{id}",
                        READ,
                        (req, res, who) -> JsonIo.ok(res, Views.execution(executions.require(who, id(req)))))
                .post("/api/executions/{id}/cancel", WRITE, (req, res, who) -> {
                    executions.cancel(who, id(req));
                    JsonIo.ok(
                            res,
                            JsonIo.MAPPER
                                    .createObjectNode()
                                    .put("message", "cancel request sent")
                                    .put("execution_id", id(req)));
                })
                .post("/api/executions/{id}/approve", WRITE, (req, res, who) -> {
                    executions.approve(who, id(req));
                    JsonIo.ok(
                            res,
                            JsonIo.MAPPER
                                    .createObjectNode()
                                    .put("message", "execution approved")
                                    .put("execution_id", id(req)));
                })
                .post("/api/executions/{id}/stream-ticket", READ, this::ticket)
                .get("/api/executions/{id}/stream", READ, this::stream);
    }

    private void ticket(ServerRequest req, ServerResponse res, Principal who) {
        // A ticket only for a run that exists and the caller may see: one for an unknown id, or for one of
        // another group's runs, answers 404 (it would be a credential for nothing).
        StreamTickets.Issued issued =
                tickets.issue(who, executions.require(who, id(req)).id());
        JsonIo.ok(
                res,
                JsonIo.MAPPER
                        .createObjectNode()
                        .put("ticket", issued.ticket())
                        .put("expires_at", Times.format(issued.expiresAtMs())));
    }

    private void stream(ServerRequest req, ServerResponse res, Principal who) throws InterruptedException {
        LiveOutput live = executions
                .live(who, id(req))
                .orElseThrow(() -> new KronforceException.NotFound(
                        ProblemType.STREAM_NOT_FOUND, "no live stream for this execution"));
        LiveOutput.Viewer viewer = live.subscribe();
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            relay(viewer, sink);
        } catch (RuntimeException viewerGone) {
            // The viewer closed the connection; the run is not affected.
        } finally {
            live.unsubscribe(viewer);
        }
    }

    /** Lines as default events, a ping comment when quiet, then {@code event: done}. */
    private static void relay(LiveOutput.Viewer viewer, SseSink sink) throws InterruptedException {
        while (true) {
            try {
                String line = viewer.next(PING_INTERVAL);
                sink.emit(
                        line == null
                                ? SseEvent.builder().comment("ping").build()
                                : SseEvent.builder().data(line).build());
            } catch (LiveOutput.EndOfOutput end) {
                sink.emit(SseEvent.builder().name("done").data("").build());
                return;
            }
        }
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static ExecutionQuery query(ServerRequest req) {
        String status = Query.text(req, "status");
        if (status != null && ExecutionStatus.parse(status).isEmpty()) {
            throw new KronforceException.InvalidInput("status", "unknown execution status '" + status + "'");
        }
        return new ExecutionQuery(
                status,
                Query.text(req, "search"),
                Query.since(req),
                Query.text(req, "group"),
                Query.page(req, 20),
                Query.time(req, "from"),
                Query.time(req, "to"));
    }
}
