package io.kronforce.controller.http.dashboard;

import static io.kronforce.controller.domain.Access.READ;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.kronforce.controller.dashboard.ChangeFeed;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;
import java.time.Duration;

/**
 * {@code GET /api/changes}: server-sent change notices for the dashboard's lists (docs/DASHBOARD_API.md).
 * {@code event: ready} first (refetch now), then {@code event: change} per committed event, a
 * {@code ping} comment when quiet.
 */
final class ChangesEndpoint {
    private static final Duration PING_INTERVAL = Duration.ofSeconds(15);

    private final ChangeFeed feed;

    ChangesEndpoint(ChangeFeed feed) {
        this.feed = feed;
    }

    void register(Routes routes) {
        routes.get("/api/changes", READ, this::stream);
    }

    private void stream(ServerRequest req, ServerResponse res, Principal who) throws InterruptedException {
        ChangeFeed.Viewer viewer = feed.subscribe(who);
        res.header("Cache-Control", "no-store");
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().name("ready").data("{}").build());
            while (true) {
                ChangeFeed.Notice n = viewer.next(PING_INTERVAL);
                if (n != null && n.isEnd()) {
                    return;
                }
                if (n == null) {
                    sink.emit(SseEvent.builder().comment("ping").build());
                } else {
                    SseEvent.Builder event = SseEvent.builder().name("change").data(json(n).toString());
                    if (n.id() != null) {
                        event.id(n.id());
                    }
                    sink.emit(event.build());
                }
            }
        } catch (RuntimeException viewerGone) {
            // The browser closed the stream (tab closed or hidden); nothing to clean up but the subscription.
        } finally {
            feed.unsubscribe(viewer);
        }
    }

    private static ObjectNode json(ChangeFeed.Notice n) {
        ObjectNode out = JsonIo.MAPPER.createObjectNode().put("kind", n.kind());
        if (n.id() != null) {
            out.put("event_id", n.id())
                    .put("severity", n.severity())
                    .put("job_id", n.jobId())
                    .put("execution_id", n.executionId())
                    .put("agent_id", n.agentId())
                    .put("timestamp", Times.format(n.atMs()));
        }
        n.lists().forEach(out.putArray("lists")::add);
        return out;
    }
}
