package io.kronforce.notifier.webhooks;

import static io.kronforce.notifier.webhooks.PayloadAssertions.assertDelivered;
import static io.kronforce.notifier.webhooks.PayloadAssertions.singleJsonPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.notifier.Channel;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.testkit.RecordingPeer;
import io.kronforce.notifier.testkit.RecordingPeer.Reply;
import io.kronforce.notifier.testkit.SampleNotifications;
import io.kronforce.notifier.testkit.TestChannels;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Teams Workflows (Adaptive Card in a message envelope, answered 202) and the legacy MessageCard (answered "1"). */
class TeamsChannelTest {

    private static final String WORKFLOW = "/workflows/abc/triggers/manual/paths/invoke";
    private static final String CONNECTOR = "/webhookb2/guid@guid/IncomingWebhook/id/guid";

    private RecordingPeer teams;
    private Channel<TeamsDestination> channel;

    @BeforeEach
    void start() throws Exception {
        teams = RecordingPeer.start().on(WORKFLOW, Reply.of(202, "")).on(CONNECTOR, Reply.of(200, "1"));
        channel = TestChannels.load("teams", TeamsDestination.class, TestChannels.loopback(Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        teams.close();
    }

    @Test
    void workflowsGetAnAdaptiveCardEnvelopeByDefault() throws Exception {
        Notification n = SampleNotifications.failure();
        String url = teams.url(WORKFLOW + "?api-version=2016-06-01&sig=SECRETSIG");
        assertDelivered(channel.deliver(new TeamsDestination(url, null), n, null));

        JsonNode body = singleJsonPost(teams);
        assertEquals("message", body.get("type").asText());
        JsonNode attachment = body.get("attachments").get(0);
        assertEquals(
                "application/vnd.microsoft.card.adaptive",
                attachment.get("contentType").asText());
        JsonNode card = attachment.get("content");
        assertEquals("AdaptiveCard", card.get("type").asText());
        assertEquals("1.4", card.get("version").asText());
        assertEquals(
                "http://adaptivecards.io/schemas/adaptive-card.json",
                card.get("$schema").asText());
        assertEquals(n.subject(), card.get("body").get(0).get("text").asText());
        assertEquals("Attention", card.get("body").get(0).get("color").asText());
        JsonNode facts = card.get("body").get(2);
        assertEquals("FactSet", facts.get("type").asText());
        assertEquals("Job", facts.get("facts").get(0).get("title").asText());
        assertEquals("Action.OpenUrl", card.get("actions").get(0).get("type").asText());
    }

    @Test
    void legacyConnectorsGetAMessageCardWithUpstreamsTitleAndText() throws Exception {
        Notification n = SampleNotifications.timedOut();
        assertDelivered(channel.deliver(new TeamsDestination(teams.url(CONNECTOR), "message_card"), n, null));

        JsonNode body = singleJsonPost(teams);
        assertEquals("MessageCard", body.get("@type").asText());
        assertEquals("https://schema.org/extensions", body.get("@context").asText());
        assertEquals(n.subject(), body.get("title").asText());
        assertEquals(n.subject(), body.get("summary").asText());
        assertEquals(n.body().replace("\n", "\n\n"), body.get("text").asText());
        assertEquals("F39C12", body.get("themeColor").asText());
        assertEquals(
                "Status",
                body.get("sections").get(0).get("facts").get(1).get("name").asText());
        JsonNode action = body.get("potentialAction").get(0);
        assertEquals("OpenUri", action.get("@type").asText());
        assertEquals("default", action.get("targets").get(0).get("os").asText());
    }

    @Test
    void unknownFormatIsRefusedAndTheSignatureIsMasked() {
        TeamsDestination d = new TeamsDestination("https://x.logic.azure.com/workflows/1?sig=SECRETSIG", "card");
        assertEquals("/format", channel.check(d).getFirst().pointer());
        assertFalse(d.toString().contains("SECRETSIG"));
    }
}
