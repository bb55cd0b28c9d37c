package io.kronforce.controller.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upstream's keys map onto our channels; the richer list adds named destinations. */
class NotificationSettingsTest {

    @Test
    void upstreamKeysBecomeDestinations() {
        NotificationSettings s = NotificationSettings.from(Map.of(
                "notification_email", "{\"enabled\":true,\"smtp_host\":\"smtp.x.io\",\"from\":\"k@x.io\",\"tls\":true}",
                "notification_sms", "{\"enabled\":false,\"webhook_url\":\"https://sms.x.io\"}",
                "notification_webhook",
                        "{\"enabled\":true,\"url\":\"https://events.pagerduty.com/v2/enqueue\","
                                + "\"format\":\"pagerduty\",\"headers\":{\"routing_key\":\"RK\"}}",
                "notification_recipients", "{\"emails\":[\"ops@x.io\"],\"phones\":[\"+1555\"]}"));
        assertEquals(
                List.of("email", "webhook"),
                s.destinations().stream().map(Destination::name).toList());
        Destination pd = s.find("webhook").orElseThrow();
        assertEquals("pagerduty", pd.type());
        assertEquals("RK", pd.config().path("routing_key").asText());
        assertEquals(List.of("ops@x.io"), s.recipients().emails());
    }

    @Test
    void teamsConnectorUrlsKeepTheLegacyCard() {
        Destination connector = UpstreamWebhook.toDestination(
                json("{\"url\":\"https://acme.webhook.office.com/webhookb2/x\",\"format\":\"teams\"}"));
        Destination workflow = UpstreamWebhook.toDestination(
                json("{\"url\":\"https://x.logic.azure.com/workflows/1\",\"format\":\"teams\"}"));
        assertEquals("message_card", connector.config().path("format").asText());
        assertEquals("adaptive_card", workflow.config().path("format").asText());
        assertEquals(
                "webhook",
                UpstreamWebhook.toDestination(json("{\"url\":\"https://x.io\"}"))
                        .type());
    }

    @Test
    void namedDestinationsAndProblemsThatNeverQuoteValues() {
        NotificationSettings s = NotificationSettings.from(Map.of(
                "notification_channels",
                "[{\"name\":\"ops\",\"type\":\"slack\",\"webhook_url\":\"https://h/x\"},"
                        + "{\"name\":\"off\",\"type\":\"discord\",\"enabled\":false},{\"type\":\"slack\"}]",
                "notification_webhook",
                "{\"url\": \"https://hooks/s3cr3t\""));
        assertEquals(
                List.of("ops"), s.destinations().stream().map(Destination::name).toList());
        assertEquals(2, s.problems().size(), s.problems()::toString);
        assertFalse(s.problems().toString().contains("s3cr3t"));
        assertTrue(s.problems().contains("notification_webhook is not valid JSON"));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json(String text) {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
