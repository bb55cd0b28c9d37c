package io.kronforce.controller.http;

import io.kronforce.controller.domain.listing.AuditQuery;

import io.kronforce.controller.views.Views;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Query;
import io.kronforce.controller.web.Routes;

import static io.kronforce.controller.domain.Access.ADMIN;
import static io.kronforce.controller.domain.Access.READ;

import io.kronforce.controller.journal.Journals;
import io.kronforce.controller.store.AuditStore;

/** {@code /api/events} (any reader) and {@code /api/audit-log} (admin). */
final class EventsEndpoint {
    private final Journals journals;

    EventsEndpoint(Journals journals) {
        this.journals = journals;
    }

    void register(Routes routes) {
        routes.get("/api/events", READ, (req, res, who) ->
                        JsonIo.ok(res, Views.page(journals.events(Query.since(req), Query.page(req, 50)), Views::event)))
                .get("/api/audit-log", ADMIN, (req, res, who) -> JsonIo.ok(res, Views.page(journals.audit(
                        new AuditQuery(Query.text(req, "operation"), Query.text(req, "actor"), Query.since(req),
                                Query.page(req, 50))), Views::audit)));
    }
}
