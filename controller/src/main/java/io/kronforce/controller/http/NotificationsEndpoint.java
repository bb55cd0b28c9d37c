package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.notify.Notifications;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;
import java.util.stream.Collectors;

/**
 * {@code POST /api/notifications/test} (write): sends a test through every enabled destination
 * now and says what each did. Upstream's {@code status} and {@code message} members are kept;
 * {@code results} adds one entry per destination. 400 when nothing is enabled.
 */
final class NotificationsEndpoint {
    private final Notifications notifications;

    NotificationsEndpoint(Notifications notifications) {
        this.notifications = notifications;
    }

    void register(Routes routes) {
        routes.post("/api/notifications/test", WRITE, (req, res, who) -> {
            Notifications.TestReport report = send();
            if (report.results().isEmpty()) {
                String why = report.problems().isEmpty() ? "" : " (" + String.join("; ", report.problems()) + ")";
                throw new KronforceException.InvalidInput("no notification channel is enabled; configure"
                        + " notification_email, notification_sms, notification_webhook or notification_channels" + why);
            }
            ObjectNode body = JsonIo.MAPPER.createObjectNode();
            boolean allDelivered =
                    report.results().stream().allMatch(r -> r.result().equals("delivered"));
            body.put("status", allDelivered ? "ok" : "failed");
            body.put(
                    "message",
                    report.results().stream()
                            .map(r -> r.destination() + " (" + r.type() + "): " + r.result())
                            .collect(Collectors.joining("; ")));
            ArrayNode results = body.putArray("results");
            report.results()
                    .forEach(r -> results.addObject()
                            .put("destination", r.destination())
                            .put("type", r.type())
                            .put("recipient", r.recipient())
                            .put("result", r.result())
                            .put("detail", r.detail()));
            JsonIo.ok(res, body);
        });
    }

    private Notifications.TestReport send() {
        try {
            return notifications.test();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KronforceException.Unavailable("the controller is shutting down", 5);
        }
    }
}
