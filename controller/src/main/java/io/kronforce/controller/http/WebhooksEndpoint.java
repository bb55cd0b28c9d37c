package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.PUBLIC;
import static io.kronforce.controller.domain.Access.WRITE;

import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.firing.Webhooks;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;

/**
 * A job's webhook (docs/reference/rest.md#jobs) and the public URL that fires it (docs/reference/rest.md#system). The
 * webhook call needs no API key: the token in the path is the credential.
 */
final class WebhooksEndpoint {
    private final Webhooks webhooks;

    WebhooksEndpoint(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    void register(Routes routes) {
        routes.post("/api/jobs/{id}/webhook", WRITE, (req, res, who) -> {
                    Webhooks.Issued issued = webhooks.create(who, id(req));
                    JsonIo.ok(
                            res,
                            JsonIo.MAPPER
                                    .createObjectNode()
                                    .put("token", issued.token())
                                    .put("webhook_url", issued.url()));
                })
                .delete("/api/jobs/{id}/webhook", WRITE, (req, res, who) -> {
                    webhooks.delete(who, id(req));
                    JsonIo.noContent(res);
                })
                .post("/api/webhooks/{token}", PUBLIC, (req, res, who) -> {
                    Webhooks.Fired fired = webhooks.fire(
                            req.path().pathParameters().get("token"), JobsEndpoint.params(JsonIo.object(req, true)));
                    JobsEndpoint.accepted(res, fired.jobId(), fired.execution(), "webhook triggered");
                });
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
