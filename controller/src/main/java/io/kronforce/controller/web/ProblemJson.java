package io.kronforce.controller.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.StoreConflictException;
import io.kronforce.controller.domain.StoreFullException;
import io.kronforce.controller.domain.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place errors become responses: {@code application/problem+json} (RFC 9457) that also
 * carries upstream's {@code error} member. Unexpected failures answer 500 with a request id only;
 * their stack is logged once. Handlers here never throw.
 */
public final class ProblemJson {
    private static final Logger LOG = Logger.getLogger(ProblemJson.class.getName());
    public static final String TYPE_BASE = "https://kronforce.io/problems/";

    private ProblemJson() {}

    public static void register(HttpRouting.Builder routing) {
        routing.error(KronforceException.class, ProblemJson::known)
                .error(
                        StoreUnavailableException.class,
                        (req, res, e) ->
                                known(req, res, new KronforceException.Unavailable("database busy, retry shortly", 1)))
                .error(
                        StoreConflictException.class,
                        (req, res, e) -> known(
                                req,
                                res,
                                new KronforceException.Conflict(
                                        ProblemType.DUPLICATE_NAME, "conflicts with an existing record")))
                .error(StoreFullException.class, ProblemJson::storageFull)
                .error(Throwable.class, ProblemJson::unexpected);
    }

    public static void known(ServerRequest req, ServerResponse res, KronforceException e) {
        ObjectNode body = base(req, e.type(), e.getMessage());
        switch (e) {
            case KronforceException.InvalidInput invalid
            when !invalid.errors().isEmpty() -> {
                var errors = body.putArray("errors");
                invalid.errors()
                        .forEach(f ->
                                errors.addObject().put("pointer", f.pointer()).put("message", f.message()));
            }
            case KronforceException.Unavailable u -> {
                body.put("retryAfter", u.retryAfterSeconds());
                res.header(HeaderNames.RETRY_AFTER, String.valueOf(u.retryAfterSeconds()));
            }
            case KronforceException.TooManyRequests t -> {
                body.put("retryAfter", t.retryAfterSeconds());
                res.header(HeaderNames.RETRY_AFTER, String.valueOf(t.retryAfterSeconds()));
                res.header(RequestLimits.LIMIT_HEADER, String.valueOf(t.limit()));
                res.header(RequestLimits.REMAINING_HEADER, "0");
            }
            default -> {}
        }
        write(res, e.type().status(), body);
    }

    /** The write was refused by the storage (disk full, I/O error): nothing was written. */
    private static void storageFull(ServerRequest req, ServerResponse res, StoreFullException e) {
        write(res, 507, base(req, ProblemType.INSUFFICIENT_STORAGE, "nothing was written: " + e.getMessage()));
    }

    public static void notFound(ServerRequest req, ServerResponse res) {
        write(res, 404, base(req, ProblemType.ROUTE_NOT_FOUND, "not found"));
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Throwable t) {
        String requestId = UUID.randomUUID().toString();
        LOG.log(
                Level.SEVERE,
                "request " + requestId + " " + req.prologue().method().text() + " "
                        + req.path().path() + " failed",
                t);
        ObjectNode body = JsonIo.MAPPER
                .createObjectNode()
                .put("type", "about:blank")
                .put("title", "Internal error")
                .put("status", 500)
                .put("instance", req.path().path() + "#" + requestId)
                .put("error", "internal error")
                .put("request_id", requestId);
        write(res, 500, body);
    }

    private static ObjectNode base(ServerRequest req, ProblemType type, String detail) {
        return JsonIo.MAPPER
                .createObjectNode()
                .put("type", TYPE_BASE + type.slug())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail)
                .put("instance", req.path().path())
                .put("error", detail);
    }

    private static void write(ServerResponse res, int status, ObjectNode body) {
        if (res.isSent()) {
            return;
        }
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
