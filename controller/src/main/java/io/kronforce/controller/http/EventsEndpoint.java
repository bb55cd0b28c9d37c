package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.ADMIN;
import static io.kronforce.controller.domain.Access.READ;

import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.access.Via;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.listing.AuditQuery;
import io.kronforce.controller.domain.listing.EventQuery;
import io.kronforce.controller.journal.Journals;
import io.kronforce.controller.views.Views;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Query;
import io.kronforce.controller.web.Routes;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/events} (any reader; beyond upstream's {@code since}, filters {@code severity} (one or
 * several, comma-separated), {@code job_id} and {@code kind}) and {@code /api/audit-log} (admin;
 * beyond {@code operation}, {@code actor} and {@code since}, filters {@code resource_type},
 * {@code resource_id} and {@code via}: {@code dashboard} or {@code mcp}).
 */
final class EventsEndpoint {
    private static final Set<String> SEVERITIES = Set.of("info", "success", "warning", "error");

    private final Journals journals;

    EventsEndpoint(Journals journals) {
        this.journals = journals;
    }

    void register(Routes routes) {
        routes.get(
                        "/api/events",
                        READ,
                        (req, res, who) -> JsonIo.ok(
                                res,
                                Views.page(
                                        journals.events(
                                                who,
                                                new EventQuery(
                                                        Query.since(req),
                                                        severities(req),
                                                        Query.text(req, "job_id"),
                                                        Query.text(req, "kind"),
                                                        Query.page(req, 50))),
                                        Views::event)))
                .get(
                        "/api/audit-log",
                        ADMIN,
                        (req, res, who) -> JsonIo.ok(
                                res,
                                Views.page(
                                        journals.audit(new AuditQuery(
                                                Query.text(req, "operation"),
                                                Query.text(req, "actor"),
                                                Query.since(req),
                                                Query.page(req, 50),
                                                Query.text(req, "resource_type"),
                                                Query.text(req, "resource_id"),
                                                via(req))),
                                        Views::audit)));
    }

    private static List<String> severities(ServerRequest req) {
        String text = Query.text(req, "severity");
        if (text == null) {
            return List.of();
        }
        List<String> out = Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
        for (String v : out) {
            if (!SEVERITIES.contains(v)) {
                throw new KronforceException.InvalidInput(
                        "severity", "severity must be info, success, warning or error");
            }
        }
        return out;
    }

    private static String via(ServerRequest req) {
        String via = Query.text(req, "via");
        return via == null
                ? null
                : Via.suffix(via)
                        .orElseThrow(() -> new KronforceException.InvalidInput("via", "via must be dashboard or mcp"));
    }
}
