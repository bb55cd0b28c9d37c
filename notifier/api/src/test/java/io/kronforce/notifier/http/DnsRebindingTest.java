package io.kronforce.notifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.Delivery;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.testkit.RebindTargets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A webhook (the JDK's HttpClient, which has no resolver hook of its own) whose host resolves to
 * the allowed address at the egress check and to 127.0.0.1 when the client connects: the POST
 * reaches the vetted server only. The test resolver is registered in this module's test
 * resources; the JDK's address cache is off here (pom.xml).
 */
class DnsRebindingTest {

    @Test
    void aWebhookHostThatRebindsToLoopbackAfterTheCheckIsPostedToTheVettedAddressOnly() throws Exception {
        OutboundHttp http = new OutboundHttp(new ChannelSettings(
                EgressPolicy.parse(RebindTargets.ALLOWED), Duration.ofSeconds(5), Clock.systemUTC()));
        try (RebindTargets targets = RebindTargets.start()) {
            String base = targets.rebind("webhook.rebind.test");

            Delivery delivery = http.postJson(base + "/hook", "{\"a\":1}", Map.of());

            assertInstanceOf(Delivery.Delivered.class, delivery, delivery.toString());
            assertEquals(RebindTargets.VETTED_ONLY, targets.reached());
        }
    }
}
