package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.listing.JobQuery;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.views.JobViews;
import io.kronforce.controller.views.Views;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Query;
import io.kronforce.controller.web.Routes;

/** {@code /api/jobs}: CRUD, trigger, versions and a job's executions (docs/reference/rest.md#jobs). */
final class JobsEndpoint {
    private final JobCatalog catalog;
    private final JobViews views;
    private final ExecutionControl executions;

    JobsEndpoint(JobCatalog catalog, JobViews views, ExecutionControl executions) {
        this.catalog = catalog;
        this.views = views;
        this.executions = executions;
    }

    void register(Routes routes) {
        routes.get(
                        "/api/jobs",
                        READ,
                        (req, res, who) -> JsonIo.ok(res, Views.page(catalog.list(who, query(req)), views::view)))
                .post(
                        "/api/jobs",
                        WRITE,
                        (req, res, who) -> JsonIo.send(
                                res, Status.CREATED_201, views.view(catalog.create(who, JsonIo.object(req)))))
                .get(
                        "/api/jobs/{id}",
                        READ,
                        (req, res, who) -> JsonIo.ok(res, views.view(catalog.require(who, id(req)))))
                .put(
                        "/api/jobs/{id}",
                        WRITE,
                        (req, res, who) -> JsonIo.ok(res, views.view(catalog.update(who, id(req), JsonIo.object(req)))))
                .delete("/api/jobs/{id}", WRITE, (req, res, who) -> {
                    catalog.delete(who, id(req));
                    JsonIo.noContent(res);
                })
                .post("/api/jobs/{id}/trigger", WRITE, (req, res, who) -> {
                    Execution stored = executions.triggered(
                            who,
                            id(req),
                            params(JsonIo.object(req, true)),
                            "true".equalsIgnoreCase(Query.text(req, "skip_deps")));
                    accepted(res, id(req), stored, "job triggered");
                })
                .get("/api/jobs/{id}/versions", READ, (req, res, who) -> JsonIo.ok(res, versions(who, id(req))))
                .get(
                        "/api/jobs/{id}/executions",
                        READ,
                        (req, res, who) -> JsonIo.ok(
                                res,
                                Views.page(
                                        executions.listForJob(who, id(req), Query.page(req, 20)), Views::execution)));
    }

    /**
     * The trigger answer's message: same shape whatever happened, and a run that did not start says
     * why (docs/reference/differences.md row 17); {@code started} when it did (REST and webhook word it differently).
     */
    static String triggerMessage(Execution e, String started) {
        return switch (e.status()) {
            case SKIPPED -> "job skipped: " + e.stderr();
            case PENDING_APPROVAL -> "job awaiting approval";
            case QUEUED -> "job queued: max_concurrent reached";
            default -> started;
        };
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static JobQuery query(ServerRequest req) {
        String status = Query.text(req, "status");
        if (status != null) {
            status = JobStatus.parse(status).map(JobStatus::wire).orElse(status);
        }
        return new JobQuery(status, Query.text(req, "search"), Query.text(req, "group"), Query.page(req, 20));
    }

    /** The optional {@code params} object of a trigger body (REST or webhook); anything but an object is 400. */
    static JsonNode params(ObjectNode body) {
        JsonNode params = body.get("params");
        if (params == null || params.isNull()) {
            return null;
        }
        if (!params.isObject()) {
            throw new KronforceException.InvalidInput("/params", "params must be an object");
        }
        return params;
    }

    /** The 202 of a trigger (REST or webhook): upstream's body plus the execution id, from the row as stored (no read back). */
    static void accepted(ServerResponse res, String jobId, Execution stored, String started) {
        JsonIo.send(
                res,
                Status.ACCEPTED_202,
                JsonIo.MAPPER
                        .createObjectNode()
                        .put("message", triggerMessage(stored, started))
                        .put("job_id", jobId)
                        .put("execution_id", stored.id()));
    }

    private com.fasterxml.jackson.databind.node.ArrayNode versions(Principal who, String id) {
        var out = JsonIo.MAPPER.createArrayNode();
        catalog.versions(who, id).forEach(v -> out.add(VersionsEndpoint.view(v)));
        return out;
    }
}
