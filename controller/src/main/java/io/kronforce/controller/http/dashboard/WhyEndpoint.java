package io.kronforce.controller.http.dashboard;

import static io.kronforce.controller.domain.Access.READ;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.dashboard.WhyNotRun;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Query;
import io.kronforce.controller.web.Routes;

/** {@code GET /api/jobs/{id}/why?since=…&until=…}: the "why didn't it run" panel (docs/DASHBOARD_API.md). */
final class WhyEndpoint {
    private final WhyNotRun why;

    WhyEndpoint(WhyNotRun why) {
        this.why = why;
    }

    void register(Routes routes) {
        routes.get("/api/jobs/{id}/why", READ, (req, res, who) -> {
            WhyNotRun.Report r = why.explain(
                    who, req.path().pathParameters().get("id"), Query.time(req, "since"), Query.time(req, "until"));
            ObjectNode out = JsonIo.MAPPER
                    .createObjectNode()
                    .put("job_id", r.job().id())
                    .put("job_name", r.job().name())
                    .put("job_status", r.job().status().wire())
                    .put("since", Times.format(r.sinceMs()))
                    .put("until", Times.format(r.untilMs()))
                    .put("truncated", r.truncated());
            ObjectNode counts = out.putObject("counts");
            r.counts().forEach(counts::put);
            ArrayNode items = out.putArray("items");
            for (WhyNotRun.Item i : r.items()) {
                ObjectNode item = items.addObject().put("kind", i.kind()).put("at", Times.format(i.atMs()));
                if (i.slotMs() != null) {
                    item.put("slot", Times.format(i.slotMs()));
                }
                if (i.lagSecs() != null) {
                    item.put("lag_secs", i.lagSecs());
                }
                item.put("reason", i.reason());
                if (i.executionId() != null) {
                    item.put("execution_id", i.executionId());
                }
                if (i.eventId() != null) {
                    item.put("event_id", i.eventId());
                }
                if (i.attempt() != null) {
                    item.put("attempt", i.attempt());
                }
            }
            JsonIo.ok(res, out);
        });
    }
}
