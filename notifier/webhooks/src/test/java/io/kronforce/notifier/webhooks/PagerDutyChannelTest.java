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
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PagerDuty Events API v2: trigger, then resolve with the same dedup_key; PagerDuty answers 202. */
class PagerDutyChannelTest {

    private static final String KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
    private static final String ACCEPTED =
            "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}";

    private RecordingPeer pagerDuty;
    private Channel<PagerDutyDestination> channel;
    private PagerDutyDestination destination;

    @BeforeEach
    void start() throws Exception {
        pagerDuty = RecordingPeer.start().on("/v2/enqueue", Reply.json(202, ACCEPTED));
        channel = TestChannels.load("pagerduty", PagerDutyDestination.class, TestChannels.loopback(Clock.systemUTC()));
        destination = new PagerDutyDestination(KEY, pagerDuty.url("/v2/enqueue"), null);
    }

    @AfterEach
    void stop() {
        pagerDuty.close();
    }

    @Test
    void triggersThenResolvesOneIncident() throws Exception {
        Notification failure = SampleNotifications.failure();
        assertDelivered(channel.deliver(destination, failure, null));
        assertDelivered(channel.deliver(destination, SampleNotifications.success(), null));

        JsonNode trigger = parse(pagerDuty.requests().get(0).body());
        assertEquals(KEY, trigger.get("routing_key").asText());
        assertEquals("trigger", trigger.get("event_action").asText());
        assertEquals(failure.dedupKey(), trigger.get("dedup_key").asText());
        JsonNode payload = trigger.get("payload");
        assertEquals(failure.subject(), payload.get("summary").asText());
        assertEquals("kronforce", payload.get("source").asText());
        assertEquals("error", payload.get("severity").asText());
        assertEquals("2026-03-01T12:00:00Z", payload.get("timestamp").asText());
        assertEquals(failure.body(), payload.get("custom_details").get("body").asText());
        assertEquals("Open execution", trigger.get("links").get(0).get("text").asText());

        JsonNode resolve = parse(pagerDuty.requests().get(1).body());
        assertEquals("resolve", resolve.get("event_action").asText());
        assertEquals(failure.dedupKey(), resolve.get("dedup_key").asText());
        assertEquals(KEY, resolve.get("routing_key").asText());
        assertNull(resolve.get("payload"));
    }

    @Test
    void defaultsAndMasking() {
        PagerDutyDestination d = new PagerDutyDestination(KEY, null, null);
        assertEquals("https://events.pagerduty.com/v2/enqueue", d.events_url());
        assertEquals("kronforce", d.source());
        assertFalse(d.toString().contains(KEY));
        assertEquals(
                "/routing_key",
                channel.check(new PagerDutyDestination(" ", null, null))
                        .getFirst()
                        .pointer());
    }
}
