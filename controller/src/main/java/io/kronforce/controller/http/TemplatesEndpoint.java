package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.listing.JobTemplate;
import io.kronforce.controller.templates.Templates;
import io.kronforce.controller.views.JobViews;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;

/**
 * {@code /api/templates} in upstream's shapes, plus saving a job as a template and creating a job
 * from one (docs/reference/rest.md#templates).
 */
final class TemplatesEndpoint {
    private final Templates templates;
    private final JobViews views;

    TemplatesEndpoint(Templates templates, JobViews views) {
        this.templates = templates;
        this.views = views;
    }

    void register(Routes routes) {
        routes.get("/api/templates", READ, (req, res, who) -> {
                    ArrayNode out = JsonIo.MAPPER.createArrayNode();
                    templates.list().forEach(t -> out.add(view(t)));
                    JsonIo.ok(res, out);
                })
                .get("/api/templates/{name}", READ, (req, res, who) -> JsonIo.ok(res, view(templates.get(name(req)))))
                .post(
                        "/api/templates",
                        WRITE,
                        (req, res, who) ->
                                JsonIo.send(res, Status.CREATED_201, view(templates.save(who, JsonIo.object(req)))))
                .delete("/api/templates/{name}", WRITE, (req, res, who) -> {
                    templates.delete(who, name(req));
                    JsonIo.noContent(res);
                })
                .post(
                        "/api/templates/{name}/jobs",
                        WRITE,
                        (req, res, who) -> JsonIo.send(
                                res,
                                Status.CREATED_201,
                                views.view(templates.createJob(who, name(req), JsonIo.object(req)))))
                .post(
                        "/api/jobs/{id}/template",
                        WRITE,
                        (req, res, who) -> JsonIo.send(
                                res,
                                Status.CREATED_201,
                                view(templates.saveJob(
                                        who, req.path().pathParameters().get("id"), JsonIo.object(req)))));
    }

    private static ObjectNode view(JobTemplate t) {
        ObjectNode out = JsonIo.MAPPER.createObjectNode().put("name", t.name()).put("description", t.description());
        out.set("snapshot", t.snapshot());
        return out.put("created_by", t.createdBy()).put("created_at", Times.format(t.createdAtMs()));
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("name");
    }
}
