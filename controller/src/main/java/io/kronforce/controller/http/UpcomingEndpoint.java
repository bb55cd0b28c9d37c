package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.READ;

import io.kronforce.controller.firing.FirePreview;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Query;
import io.kronforce.controller.web.Routes;

/** {@code GET /api/jobs/{id}/upcoming?count=N}: next fires and missed slots (beyond upstream). */
final class UpcomingEndpoint {
    private final FirePreview preview;

    UpcomingEndpoint(FirePreview preview) {
        this.preview = preview;
    }

    void register(Routes routes) {
        routes.get(
                "/api/jobs/{id}/upcoming",
                READ,
                (req, res, who) -> JsonIo.ok(
                        res,
                        preview.preview(
                                who,
                                req.path().pathParameters().get("id"),
                                Query.integer(req, "count", FirePreview.DEFAULT_COUNT))));
    }
}
