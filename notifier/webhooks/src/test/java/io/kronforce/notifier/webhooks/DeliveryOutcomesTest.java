package io.kronforce.notifier.webhooks;

import static io.kronforce.notifier.webhooks.PayloadAssertions.assertDelivered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.notifier.Channel;
import io.kronforce.notifier.ChannelProvider;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.testkit.RecordingPeer;
import io.kronforce.notifier.testkit.RecordingPeer.Reply;
import io.kronforce.notifier.testkit.SampleNotifications;
import io.kronforce.notifier.testkit.TestChannels;
import io.kronforce.task.EgressPolicy;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How every web channel turns what the peer did into a delivery result, shown through Slack
 * (all channels share {@link io.kronforce.notifier.http.OutboundHttp}). The token in the path
 * must never appear in a reason.
 */
class DeliveryOutcomesTest {

    private static final String TOKEN = "T0KEN-sup3r-s3cret";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private RecordingPeer peer;
    private Channel<SlackDestination> slack;

    @BeforeEach
    void start() throws Exception {
        peer = RecordingPeer.start();
        slack = TestChannels.load(
                "slack", SlackDestination.class, TestChannels.loopback(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    private Delivery send(String path) throws InterruptedException {
        return slack.deliver(new SlackDestination(peer.url(path)), SampleNotifications.failure(), null);
    }

    @Test
    void unavailableThenOkIsRetriedWithTheAskedDelay() throws Exception {
        peer.on("/s/" + TOKEN, Reply.of(503, "maintenance", "Retry-After", "30"), Reply.of(200, "ok"));

        Delivery first = send("/s/" + TOKEN);
        var retry = assertInstanceOf(Delivery.RetryLater.class, first);
        assertEquals(Optional.of(Duration.ofSeconds(30)), retry.retryAfter());
        assertFalse(retry.reason().contains(TOKEN), retry.reason());
        assertDelivered(send("/s/" + TOKEN));
        assertEquals(2, peer.requests().size());
    }

    @Test
    void throttlingHonoursAnHttpDate() throws Exception {
        peer.on("/s", Reply.of(429, "rate_limited", "Retry-After", "Sun, 01 Mar 2026 12:02:00 GMT"));
        var retry = assertInstanceOf(Delivery.RetryLater.class, send("/s"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), retry.retryAfter());
    }

    @Test
    void badRequestIsUndeliverableAndQuotesTheServiceNotTheToken() throws Exception {
        peer.on("/s/" + TOKEN, Reply.of(400, "invalid_payload"));
        var gaveUp = assertInstanceOf(Delivery.Undeliverable.class, send("/s/" + TOKEN));
        assertTrue(gaveUp.reason().contains("400: invalid_payload"), gaveUp.reason());
        assertFalse(gaveUp.reason().contains(TOKEN), gaveUp.reason());
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        peer.on("/s", Reply.of(302, "", "Location", peer.url("/elsewhere")));
        assertInstanceOf(Delivery.Undeliverable.class, send("/s"));
        assertEquals(1, peer.requests().size());
    }

    @Test
    void aPeerThatNeverAnswersIsRetriedLater() throws Exception {
        peer.on("/s/" + TOKEN, Reply.hanging());
        var retry = assertInstanceOf(Delivery.RetryLater.class, send("/s/" + TOKEN));
        assertTrue(retry.reason().contains("did not answer"), retry.reason());
        assertFalse(retry.reason().contains(TOKEN));
    }

    @Test
    void aClosedPortIsRetriedLater() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Delivery d = slack.deliver(
                new SlackDestination("http://127.0.0.1:" + closed + "/s/" + TOKEN),
                SampleNotifications.failure(),
                null);
        assertFalse(assertInstanceOf(Delivery.RetryLater.class, d).reason().contains(TOKEN));
    }

    @Test
    void privateAddressesAreRefusedUnlessAllowListed() throws Exception {
        peer.on("/s", Reply.of(200, "ok"));
        Channel<SlackDestination> strict = TestChannels.load(
                "slack",
                SlackDestination.class,
                new ChannelSettings(EgressPolicy.publicOnly(), Duration.ofSeconds(2), Clock.systemUTC()));
        Delivery d = strict.deliver(new SlackDestination(peer.url("/s")), SampleNotifications.failure(), null);
        assertTrue(assertInstanceOf(Delivery.Undeliverable.class, d).reason().contains("egress"), d::toString);
        assertTrue(peer.requests().isEmpty());
    }

    @Test
    void everyWebhookChannelIsRegistered() {
        Set<String> types = ServiceLoader.load(ChannelProvider.class).stream()
                .map(p -> p.get().create(ChannelSettings.defaults()).type())
                .collect(Collectors.toSet());
        assertEquals(Set.of("slack", "teams", "pagerduty", "discord", "webhook", "sms_webhook"), types);
    }
}
