package io.kronforce.notifier.webhooks;

import static io.kronforce.notifier.webhooks.PayloadAssertions.assertDelivered;
import static io.kronforce.notifier.webhooks.PayloadAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.notifier.Channel;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.testkit.RecordingPeer;
import io.kronforce.notifier.testkit.RecordingPeer.Reply;
import io.kronforce.notifier.testkit.SampleNotifications;
import io.kronforce.notifier.testkit.TestChannels;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generic webhook: upstream's members, configured headers, and an HMAC-SHA256 signature a receiver can verify. */
class GenericWebhookChannelTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:05Z");

    private RecordingPeer receiver;
    private Channel<GenericWebhookDestination> channel;

    @BeforeEach
    void start() throws Exception {
        receiver = RecordingPeer.start().on("/hook", Reply.of(200, "thanks"));
        channel = TestChannels.load(
                "webhook", GenericWebhookDestination.class, TestChannels.loopback(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void signedPostWithUpstreamMembersAndConfiguredHeaders() throws Exception {
        Notification n = SampleNotifications.failure();
        Map<String, String> headers = Map.of("Authorization", "Bearer abc123", "routing_key", "never-sent");
        assertDelivered(
                channel.deliver(new GenericWebhookDestination(receiver.url("/hook"), headers, "s3cret"), n, null));

        RecordingPeer.Recorded request = receiver.single();
        JsonNode body = parse(request.body());
        assertEquals(n.subject(), body.get("subject").asText());
        assertEquals(n.body(), body.get("body").asText());
        assertEquals("kronforce", body.get("source").asText());
        assertEquals("2026-03-01T12:00:00Z", body.get("timestamp").asText());
        assertEquals("job_failed", body.get("event").asText());
        assertEquals(n.dedupKey(), body.get("dedup_key").asText());
        assertEquals("failed", body.get("execution").get("status").asText());
        assertEquals("Bearer abc123", request.header("Authorization"));
        assertNull(request.header("routing_key"));

        // What a receiver does: recompute over "<timestamp>.<raw body>" with the shared secret.
        assertEquals(Long.toString(NOW.getEpochSecond()), request.header("X-Kronforce-Timestamp"));
        assertEquals(
                "sha256=" + hmac("s3cret", request.header("X-Kronforce-Timestamp") + "." + request.body()),
                request.header("X-Kronforce-Signature"));
    }

    @Test
    void unsignedWhenNoSecret() throws Exception {
        assertDelivered(channel.deliver(
                new GenericWebhookDestination(receiver.url("/hook"), null, null), SampleNotifications.failure(), null));
        assertNull(receiver.single().header("X-Kronforce-Signature"));
    }

    @Test
    void toStringMasksUrlHeaderValuesAndSecret() {
        String text = new GenericWebhookDestination(
                        "https://example.com/hook?token=tok-999", Map.of("Authorization", "Bearer abc123"), "s3cret")
                .toString();
        assertFalse(text.contains("tok-999") || text.contains("abc123") || text.contains("s3cret"), text);
    }

    @Test
    void checkRefusesBadHeadersAndEmptySecret() {
        var problems =
                channel.check(new GenericWebhookDestination("https://example.com/h", Map.of("Bad Header", "x"), ""));
        assertEquals(2, problems.size(), problems::toString);
    }

    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
