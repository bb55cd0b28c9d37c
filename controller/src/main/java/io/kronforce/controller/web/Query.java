package io.kronforce.controller.web;

import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Times;

/** Query-string parsing with 400s for bad values. */
public final class Query {
    private Query() {}

    public static String text(ServerRequest req, String name) {
        return req.query().first(name).filter(v -> !v.isEmpty()).orElse(null);
    }

    public static PageRequest page(ServerRequest req, int defaultPerPage) {
        int perPage = req.query().contains("per_page")
                ? integer(req, "per_page", defaultPerPage)
                : integer(req, "limit", defaultPerPage);
        return new PageRequest(integer(req, "page", 1), perPage);
    }

    public static int integer(ServerRequest req, String name, int fallback) {
        String v = text(req, name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new KronforceException.InvalidInput(name, name + " must be a whole number");
        }
    }

    public static Long since(ServerRequest req) {
        String v = text(req, "since");
        if (v == null) {
            return null;
        }
        return Times.parse(v)
                .orElseThrow(() -> new KronforceException.InvalidInput("since", "since must be an RFC 3339 timestamp"));
    }

    /** An optional RFC 3339 parameter, in epoch milliseconds. */
    public static Long time(ServerRequest req, String name) {
        String v = text(req, name);
        if (v == null) {
            return null;
        }
        return Times.parse(v)
                .orElseThrow(() -> new KronforceException.InvalidInput(name, name + " must be an RFC 3339 timestamp"));
    }
}
