package io.kronforce.notifier.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.notifier.Channel;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.testkit.RecordingPeer;
import io.kronforce.notifier.testkit.RecordingPeer.Reply;
import io.kronforce.notifier.testkit.SampleNotifications;
import io.kronforce.notifier.testkit.TestChannels;
import io.kronforce.task.EgressPolicy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Twilio SDK itself builds, authenticates and parses; its HTTP goes to a loopback peer that
 * answers with the JSON Twilio's Messages API documents.
 */
class TwilioChannelTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "auth-t0ken-0123456789abcdef";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static final String CREATED = """
            {"sid":"SM0123456789abcdef0123456789abcdef","account_sid":"%s","to":"+15552223333",
             "from":"+15550001111","body":"x","status":"queued","num_segments":"1","direction":"outbound-api",
             "date_created":"Sun, 01 Mar 2026 12:00:00 +0000","date_updated":"Sun, 01 Mar 2026 12:00:00 +0000",
             "date_sent":null,"price":null,"price_unit":"USD","error_code":null,"error_message":null,
             "api_version":"2010-04-01","uri":"/2010-04-01/Accounts/%s/Messages/SM0123456789abcdef0123456789abcdef.json",
             "subresource_uris":{"media":"/2010-04-01/Accounts/%s/Messages/SM0123456789abcdef0123456789abcdef/Media.json"}}
            """.formatted(SID, SID, SID);
    private static final String INVALID_TO = """
            {"code":21211,"message":"The 'To' number +1555 is not a valid phone number.",
             "more_info":"https://www.twilio.com/docs/errors/21211","status":400}
            """;

    private RecordingPeer twilio;
    private Channel<TwilioDestination> channel;

    @BeforeEach
    void start() throws Exception {
        twilio = RecordingPeer.start();
        channel = TestChannels.load("twilio", TwilioDestination.class, TestChannels.loopback(Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private TwilioDestination destination() {
        return new TwilioDestination(SID, TOKEN, "+15550001111", null, twilio.url(""));
    }

    @Test
    void sendsTheSdksFormRequestWithBasicAuth() throws Exception {
        twilio.on(PATH, Reply.json(201, CREATED));
        Notification n = SampleNotifications.failure();
        Delivery d = channel.deliver(destination(), n, "+15552223333");
        assertEquals(
                "Twilio accepted SM0123456789abcdef0123456789abcdef (queued)",
                assertInstanceOf(Delivery.Delivered.class, d, d::toString).detail());

        RecordingPeer.Recorded request = twilio.single();
        assertEquals("POST", request.method());
        assertTrue(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        String basic = Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertEquals("Basic " + basic, request.header("Authorization"));
        Map<String, String> form = form(request.body());
        assertEquals("+15552223333", form.get("To"));
        assertEquals("+15550001111", form.get("From"));
        assertEquals(n.subject() + "\n" + n.body(), form.get("Body"));
    }

    @Test
    void aMessagingServiceReplacesTheSender() throws Exception {
        twilio.on(PATH, Reply.json(201, CREATED));
        var d = new TwilioDestination(SID, TOKEN, null, "MG0123456789abcdef0123456789abcdef", twilio.url(""));
        assertInstanceOf(Delivery.Delivered.class, channel.deliver(d, SampleNotifications.failure(), "+15552223333"));
        Map<String, String> form = form(twilio.single().body());
        assertEquals("MG0123456789abcdef0123456789abcdef", form.get("MessagingServiceSid"));
        assertFalse(form.containsKey("From"));
    }

    @Test
    void twilioErrorsAreUndeliverableWithTheirCode() throws Exception {
        twilio.on(PATH, Reply.json(400, INVALID_TO));
        Delivery d = channel.deliver(destination(), SampleNotifications.failure(), "+1555");
        String reason = assertInstanceOf(Delivery.Undeliverable.class, d).reason();
        assertTrue(reason.contains("21211"), reason);
        assertFalse(reason.contains(TOKEN));
    }

    @Test
    void throttlingIsRetriedLaterOnceWithRetryAfterThenSucceeds() throws Exception {
        twilio.on(
                PATH,
                Reply.json(
                        429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}", "Retry-After", "12"),
                Reply.json(201, CREATED));
        var retry = assertInstanceOf(
                Delivery.RetryLater.class,
                channel.deliver(destination(), SampleNotifications.failure(), "+15552223333"));
        assertEquals(Optional.of(Duration.ofSeconds(12)), retry.retryAfter());
        assertEquals(1, twilio.requests().size()); // the SDK's own retry loop is off: one attempt per call

        assertInstanceOf(
                Delivery.Delivered.class,
                channel.deliver(destination(), SampleNotifications.failure(), "+15552223333"));
    }

    @Test
    void serverErrorsAreNotRetriedInsideTheSdk() throws Exception {
        twilio.on(PATH, Reply.json(503, "{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}"));
        assertInstanceOf(
                Delivery.RetryLater.class,
                channel.deliver(destination(), SampleNotifications.failure(), "+15552223333"));
        assertEquals(1, twilio.requests().size());
    }

    @Test
    void aSilentPeerIsRetriedLater() throws Exception {
        twilio.on(PATH, Reply.hanging());
        Delivery d = channel.deliver(destination(), SampleNotifications.failure(), "+15552223333");
        assertFalse(assertInstanceOf(Delivery.RetryLater.class, d).reason().contains(TOKEN));
    }

    @Test
    void privateAddressesNeedTheEgressAllowList() throws Exception {
        twilio.on(PATH, Reply.json(201, CREATED));
        Channel<TwilioDestination> strict = TestChannels.load(
                "twilio",
                TwilioDestination.class,
                new ChannelSettings(EgressPolicy.publicOnly(), Duration.ofSeconds(2), Clock.systemUTC()));
        Delivery d = strict.deliver(destination(), SampleNotifications.failure(), "+15552223333");
        assertTrue(assertInstanceOf(Delivery.Undeliverable.class, d).reason().contains("egress"), d::toString);
        assertTrue(twilio.requests().isEmpty());
    }

    @Test
    void checkAndMasking() {
        var both = new TwilioDestination(SID, TOKEN, "+15550001111", "MG1", null);
        assertEquals("/from_number", channel.check(both).getFirst().pointer());
        assertEquals("https://api.twilio.com", both.api_base_url());
        assertFalse(both.toString().contains(TOKEN));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
