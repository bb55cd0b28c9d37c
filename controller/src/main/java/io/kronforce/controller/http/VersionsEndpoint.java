package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.listing.JobVersion;
import io.kronforce.controller.jobs.JobVersions;
import io.kronforce.controller.jobs.VersionDiff;
import io.kronforce.controller.views.JobViews;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Query;
import io.kronforce.controller.web.Routes;

/**
 * One stored version of a job, the difference between two, and restoring one — beyond upstream, which
 * only lists versions (docs/reference/rest.md#jobs). The list itself is {@link JobsEndpoint}'s.
 */
final class VersionsEndpoint {
    private final JobVersions versions;
    private final JobViews views;

    VersionsEndpoint(JobVersions versions, JobViews views) {
        this.versions = versions;
        this.views = views;
    }

    void register(Routes routes) {
        routes.get(
                        "/api/jobs/{id}/versions/{version}",
                        READ,
                        (req, res, who) -> JsonIo.ok(res, view(versions.get(who, id(req), version(req)))))
                .get("/api/jobs/{id}/versions/{version}/diff", READ, (req, res, who) -> {
                    String to = Query.text(req, "to");
                    JsonIo.ok(
                            res, view(versions.diff(who, id(req), version(req), to == null ? null : number("to", to))));
                })
                .post(
                        "/api/jobs/{id}/versions/{version}/restore",
                        WRITE,
                        (req, res, who) -> JsonIo.ok(
                                res,
                                views.view(versions.restore(who, id(req), version(req), JsonIo.object(req, true)))));
    }

    /** A version in the shape of upstream's version list entries. */
    static ObjectNode view(JobVersion v) {
        ObjectNode out = JsonIo.MAPPER
                .createObjectNode()
                .put("version", v.version())
                .put("changed_by", v.changedBy())
                .put("created_at", Times.format(v.createdAtMs()));
        out.set("snapshot", v.snapshot());
        return out;
    }

    private static ObjectNode view(VersionDiff d) {
        ObjectNode out = JsonIo.MAPPER.createObjectNode().put("from", d.from()).put("to", d.to());
        ArrayNode changes = out.putArray("changes");
        d.changes().forEach(c -> {
            ObjectNode change = changes.addObject().put("field", c.field());
            change.set("from", c.before());
            change.set("to", c.after());
        });
        return out;
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static int version(ServerRequest req) {
        return number("version", req.path().pathParameters().get("version"));
    }

    private static int number(String what, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, as a number below 1 is
        }
        throw new KronforceException.InvalidInput("/" + what, what + " must be a version number (1 or more)");
    }
}
