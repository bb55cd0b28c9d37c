package io.kronforce.notifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.Delivery;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.testkit.RebindTargets;
import io.kronforce.task.testkit.RebindingResolverProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook (the JDK's HttpClient, which has no resolver hook of its own) whose host resolves to
 * the allowed address at the egress check and to 127.0.0.1 when the client connects: the POST
 * reaches the vetted server only. The test resolver is registered in this module's test
 * resources; the JDK's address cache is off here (pom.xml).
 */
class DnsRebindingTest {

    private final RebindTargets targets = RebindTargets.start();
    private final OutboundHttp http = new OutboundHttp(
            new ChannelSettings(EgressPolicy.parse(RebindTargets.ALLOWED), Duration.ofSeconds(5), Clock.systemUTC()));

    @AfterEach
    void stop() {
        targets.close();
    }

    @Test
    void aWebhookHostThatRebindsToLoopbackAfterTheCheckIsPostedToTheVettedAddressOnly() throws Exception {
        String base = targets.rebind("webhook.rebind.test");

        Delivery delivery = http.postJson(base + "/hook", "{\"a\":1}", Map.of());

        assertInstanceOf(Delivery.Delivered.class, delivery, delivery.toString());
        assertEquals(1, targets.vetted().hits());
        assertEquals(0, targets.loopback().hits());
        assertTrue(RebindingResolverProvider.lookups("webhook.rebind.test") >= 2, "the client looked up again");
    }
}
