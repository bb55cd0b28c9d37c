package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.domain.Access.WRITE;

import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.kronforce.controller.app.ExecutionControl;
import io.kronforce.controller.app.StreamTickets;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.exec.LiveOutput;
import io.kronforce.controller.store.ExecutionStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@code /api/executions}: list, get, cancel, and live output over SSE (SPEC §a.5). */
final class ExecutionsEndpoint {
    private static final long PING_SECONDS = 15;

    private final ExecutionControl executions;
    private final StreamTickets tickets;

    ExecutionsEndpoint(ExecutionControl executions, StreamTickets tickets) {
        this.executions = executions;
        this.tickets = tickets;
    }

    void register(Routes routes) {
        routes.get("/api/executions", READ, (req, res, who) ->
                        JsonIo.ok(res, Views.page(executions.list(query(req)), Views::execution)))
                .get("/api/executions/{id}", READ, (req, res, who) ->
                        JsonIo.ok(res, Views.execution(executions.require(id(req)))))
                .post("/api/executions/{id}/cancel", WRITE, (req, res, who) -> {
                    executions.cancel(who, id(req));
                    JsonIo.ok(res, JsonIo.MAPPER.createObjectNode().put("message", "cancel request sent")
                            .put("execution_id", id(req)));
                })
                .post("/api/executions/{id}/stream-ticket", READ, this::ticket)
                .get("/api/executions/{id}/stream", READ, this::stream);
    }

    private void ticket(ServerRequest req, ServerResponse res, Principal who) {
        StreamTickets.Issued issued = tickets.issue(who, id(req));
        JsonIo.ok(res, JsonIo.MAPPER.createObjectNode().put("ticket", issued.ticket())
                .put("expires_at", Times.format(issued.expiresAtMs())));
    }

    private void stream(ServerRequest req, ServerResponse res, Principal who) throws InterruptedException {
        LiveOutput live = executions.live(id(req)).orElseThrow(() ->
                new KronforceException.NotFound(ProblemType.STREAM_NOT_FOUND, "no live stream for this execution"));
        CountDownLatch done = new CountDownLatch(1);
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            Consumer<String> lines = line -> emit(sink, SseEvent.builder().data(line).build(), done);
            live.subscribe(lines, done::countDown);
            while (!done.await(PING_SECONDS, TimeUnit.SECONDS)) {
                emit(sink, SseEvent.builder().comment("ping").build(), done);
            }
            live.unsubscribe(lines);
            emit(sink, SseEvent.builder().name("done").data("").build(), done);
        }
    }

    /** A viewer who went away ends the stream; it never affects the run. */
    private static void emit(SseSink sink, SseEvent event, CountDownLatch done) {
        try {
            synchronized (sink) {
                sink.emit(event);
            }
        } catch (RuntimeException e) {
            done.countDown();
        }
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static ExecutionStore.Query query(ServerRequest req) {
        String status = Query.text(req, "status");
        if (status != null && ExecutionStatus.parse(status).isEmpty()) {
            throw new KronforceException.InvalidInput("status", "unknown execution status '" + status + "'");
        }
        return new ExecutionStore.Query(status, Query.text(req, "search"), Query.since(req), Query.text(req, "group"),
                Query.page(req, 20));
    }
}
