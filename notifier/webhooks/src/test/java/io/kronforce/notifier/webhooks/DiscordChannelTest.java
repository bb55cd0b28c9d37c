package io.kronforce.notifier.webhooks;

import static io.kronforce.notifier.webhooks.PayloadAssertions.assertDelivered;
import static io.kronforce.notifier.webhooks.PayloadAssertions.parse;
import static io.kronforce.notifier.webhooks.PayloadAssertions.singleJsonPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Discord webhooks answer 204; the embed keeps upstream's shape and colours. */
class DiscordChannelTest {

    private static final String PATH = "/api/webhooks/123456789/TOKEN-abcdef";

    private RecordingPeer discord;
    private Channel<DiscordDestination> channel;
    private DiscordDestination destination;

    @BeforeEach
    void start() throws Exception {
        discord = RecordingPeer.start().on(PATH, Reply.of(204, ""));
        channel = TestChannels.load("discord", DiscordDestination.class, TestChannels.loopback(Clock.systemUTC()));
        destination = new DiscordDestination(discord.url(PATH), "Kronforce");
    }

    @AfterEach
    void stop() {
        discord.close();
    }

    @Test
    void postsContentAndAnEmbed() throws Exception {
        Notification n = SampleNotifications.failure();
        assertDelivered(channel.deliver(destination, n, null));

        JsonNode body = singleJsonPost(discord);
        assertEquals(n.subject(), body.get("content").asText());
        assertEquals("Kronforce", body.get("username").asText());
        assertEquals(0, body.get("allowed_mentions").get("parse").size());
        JsonNode embed = body.get("embeds").get(0);
        assertEquals(n.subject(), embed.get("title").asText());
        assertEquals(n.body(), embed.get("description").asText());
        assertEquals(0xE74C3C, embed.get("color").asInt());
        assertEquals("Kronforce", embed.get("footer").get("text").asText());
        assertEquals("2026-03-01T12:00:00Z", embed.get("timestamp").asText());
        assertEquals("Job", embed.get("fields").get(0).get("name").asText());
        assertTrue(embed.get("fields").get(5).get("value").asText().contains("Permission denied"));
    }

    @Test
    void coloursFollowUpstream() throws Exception {
        assertDelivered(channel.deliver(destination, SampleNotifications.success(), null));
        assertDelivered(channel.deliver(destination, SampleNotifications.timedOut(), null));

        assertEquals(
                0x2ECC71,
                parse(discord.requests().get(0).body())
                        .get("embeds")
                        .get(0)
                        .get("color")
                        .asInt());
        assertEquals(
                0xF39C12,
                parse(discord.requests().get(1).body())
                        .get("embeds")
                        .get(0)
                        .get("color")
                        .asInt());
    }
}
