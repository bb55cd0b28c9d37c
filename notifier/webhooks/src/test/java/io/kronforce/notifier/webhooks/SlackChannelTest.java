package io.kronforce.notifier.webhooks;

import static io.kronforce.notifier.webhooks.PayloadAssertions.assertDelivered;
import static io.kronforce.notifier.webhooks.PayloadAssertions.singleJsonPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Slack incoming webhooks: {@code text} (upstream's) and Block Kit {@code blocks}, answered "ok". */
class SlackChannelTest {

    private static final String PATH = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    private RecordingPeer slack;
    private Channel<SlackDestination> channel;

    @BeforeEach
    void start() throws Exception {
        slack = RecordingPeer.start().on(PATH, Reply.of(200, "ok"));
        channel = TestChannels.load("slack", SlackDestination.class, TestChannels.loopback(Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void postsTextAndBlocks() throws Exception {
        Notification n = SampleNotifications.failure();
        assertDelivered(channel.deliver(new SlackDestination(slack.url(PATH)), n, null));

        JsonNode body = singleJsonPost(slack);
        assertEquals("*" + n.subject() + "*\n" + n.body(), body.get("text").asText());
        JsonNode blocks = body.get("blocks");
        assertEquals("header", blocks.get(0).get("type").asText());
        assertEquals("plain_text", blocks.get(0).get("text").get("type").asText());
        assertEquals(n.subject(), blocks.get(0).get("text").get("text").asText());
        assertEquals("mrkdwn", blocks.get(1).get("text").get("type").asText());
        assertEquals(
                "*Job*\nnightly-backup",
                blocks.get(2).get("fields").get(0).get("text").asText());
        assertTrue(blocks.get(3).get("text").get("text").asText().contains("Permission denied"));
        JsonNode button = blocks.get(4).get("elements").get(0);
        assertEquals("button", button.get("type").asText());
        assertEquals(n.links().getFirst().href().toString(), button.get("url").asText());
    }

    @Test
    void jobOutputCannotForgeMentionsOrLinks() throws Exception {
        Notification f = SampleNotifications.failure();
        Notification n = new Notification(
                f.dedupKey(),
                f.kind(),
                f.severity(),
                f.subject(),
                "<!channel> & <http://evil|x>",
                f.jobId(),
                f.jobName(),
                f.executionId(),
                f.status(),
                null,
                java.util.List.of(),
                f.occurredAt());
        assertDelivered(channel.deliver(new SlackDestination(slack.url(PATH)), n, null));

        String text = singleJsonPost(slack).get("text").asText();
        assertTrue(text.endsWith("&lt;!channel&gt; &amp; &lt;http://evil|x&gt;"), text);
    }

    @Test
    void destinationHidesItsTokenAndChecksTheUrl() {
        SlackDestination d = new SlackDestination("https://hooks.slack.com" + PATH);
        assertFalse(d.toString().contains("XXXX"), d.toString());
        assertEquals(
                "/webhook_url",
                channel.check(new SlackDestination("hooks.slack.com/x"))
                        .getFirst()
                        .pointer());
        assertTrue(channel.check(d).isEmpty());
    }
}
