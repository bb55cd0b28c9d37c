package io.kronforce.controller.http.dashboard;

import static io.kronforce.controller.domain.Access.READ;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.dashboard.Charts;
import io.kronforce.controller.dashboard.RecentRuns;
import io.kronforce.controller.dashboard.Timeline;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Query;
import io.kronforce.controller.web.Routes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's overview data in upstream's shapes: {@code /api/timeline},
 * {@code /api/timeline/{job_id}}, {@code /api/timeline-detail/{bucket}}, {@code /api/stats/charts},
 * {@code /api/executions/recent-statuses}.
 */
final class DashboardEndpoint {
    private final Timeline timeline;
    private final Charts charts;
    private final RecentRuns recent;

    DashboardEndpoint(Timeline timeline, Charts charts, RecentRuns recent) {
        this.timeline = timeline;
        this.charts = charts;
        this.recent = recent;
    }

    void register(Routes routes) {
        routes.get(
                        "/api/timeline",
                        READ,
                        (req, res, who) -> JsonIo.ok(
                                res, buckets(timeline.lastMinutes(who, Query.integer(req, "minutes", 15), null))))
                .get(
                        "/api/timeline/{job_id}",
                        READ,
                        (req, res, who) -> JsonIo.ok(
                                res,
                                buckets(timeline.lastMinutes(
                                        who,
                                        Query.integer(req, "minutes", 60),
                                        req.path().pathParameters().get("job_id")))))
                .get("/api/timeline-detail/{bucket}", READ, (req, res, who) -> {
                    ArrayNode out = JsonIo.MAPPER.createArrayNode();
                    timeline.minute(who, req.path().pathParameters().get("bucket"))
                            .forEach(d -> out.addObject()
                                    .put("job_name", d.jobName())
                                    .put("status", d.status())
                                    .put("count", d.count()));
                    JsonIo.ok(res, out);
                })
                .get("/api/stats/charts", READ, (req, res, who) -> {
                    Charts.Counts c = charts.counts(who);
                    ObjectNode out = JsonIo.MAPPER.createObjectNode();
                    put(out.putObject("execution_outcomes"), c.executionOutcomes());
                    put(out.putObject("task_types"), c.taskTypes());
                    put(out.putObject("schedule_types"), c.scheduleTypes());
                    JsonIo.ok(res, out);
                })
                .get("/api/executions/recent-statuses", READ, (req, res, who) -> {
                    String ids = Query.text(req, "job_ids");
                    List<String> jobIds = ids == null
                            ? List.of()
                            : Arrays.stream(ids.split(","))
                                    .map(String::trim)
                                    .filter(s -> !s.isEmpty())
                                    .toList();
                    ObjectNode out = JsonIo.MAPPER.createObjectNode();
                    recent.of(who, jobIds).forEach((job, runs) -> {
                        ArrayNode list = out.putArray(job);
                        runs.forEach(r -> list.addObject()
                                .put("status", r.status())
                                .put("started_at", Times.formatNullable(r.startedAtMs())));
                    });
                    JsonIo.ok(res, out);
                });
    }

    private static ArrayNode buckets(List<Timeline.Bucket> buckets) {
        ArrayNode out = JsonIo.MAPPER.createArrayNode();
        buckets.forEach(b -> out.addObject()
                .put("time", b.time())
                .put("succeeded", b.succeeded())
                .put("failed", b.failed())
                .put("other", b.other()));
        return out;
    }

    private static void put(ObjectNode node, Map<String, Long> counts) {
        counts.forEach(node::put);
    }
}
