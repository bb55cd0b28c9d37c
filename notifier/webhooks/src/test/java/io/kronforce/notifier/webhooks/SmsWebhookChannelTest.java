package io.kronforce.notifier.webhooks;

import static io.kronforce.notifier.webhooks.PayloadAssertions.assertDelivered;
import static io.kronforce.notifier.webhooks.PayloadAssertions.singleJsonPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.notifier.Channel;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.RecipientKind;
import io.kronforce.notifier.testkit.RecordingPeer;
import io.kronforce.notifier.testkit.RecordingPeer.Reply;
import io.kronforce.notifier.testkit.SampleNotifications;
import io.kronforce.notifier.testkit.TestChannels;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upstream's SMS webhook: JSON {@code To/From/Body}, Basic auth only when both credentials are set. */
class SmsWebhookChannelTest {

    private RecordingPeer gateway;
    private Channel<SmsWebhookDestination> channel;

    @BeforeEach
    void start() throws Exception {
        gateway = RecordingPeer.start().on("/sms", Reply.json(201, "{\"sid\":\"x\"}"));
        channel =
                TestChannels.load("sms_webhook", SmsWebhookDestination.class, TestChannels.loopback(Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void postsOneMessagePerPhoneWithBasicAuth() throws Exception {
        Notification n = SampleNotifications.failure();
        var d = new SmsWebhookDestination(gateway.url("/sms"), "ACuser", "pa55", "+15550001111");
        assertEquals(RecipientKind.PHONE, channel.recipients());
        assertDelivered(channel.deliver(d, n, "+15552223333"));

        JsonNode body = singleJsonPost(gateway);
        assertEquals("+15552223333", body.get("To").asText());
        assertEquals("+15550001111", body.get("From").asText());
        assertEquals(n.subject() + "\n" + n.body(), body.get("Body").asText());
        String expected = Base64.getEncoder().encodeToString("ACuser:pa55".getBytes(StandardCharsets.UTF_8));
        assertEquals("Basic " + expected, gateway.single().header("Authorization"));
        assertFalse(d.toString().contains("pa55"));
    }

    @Test
    void noAuthWithOnlyAUser() throws Exception {
        var d = new SmsWebhookDestination(gateway.url("/sms"), "ACuser", null, null);
        assertDelivered(channel.deliver(d, SampleNotifications.failure(), "+15552223333"));
        assertNull(gateway.single().header("Authorization"));
        assertEquals("", singleJsonPost(gateway).get("From").asText());
    }

    @Test
    void aMissingPhoneIsUndeliverableWithoutARequest() throws Exception {
        var d = new SmsWebhookDestination(gateway.url("/sms"), null, null, null);
        assertInstanceOf(Delivery.Undeliverable.class, channel.deliver(d, SampleNotifications.failure(), " "));
        assertTrue(gateway.requests().isEmpty());
    }
}
