package io.kronforce.controller.rules;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.EgressResolverProvider;
import io.kronforce.task.testkit.RebindTargets;
import io.kronforce.task.testkit.RebindingResolverProvider;
import java.net.spi.InetAddressResolverProvider;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * An output forward (the JDK's HttpClient) whose host resolves to the allowed address at the
 * egress check and to 127.0.0.1 when the client connects: the POST reaches the vetted server
 * only. The test resolver is registered in this module's test resources; the JDK's address cache
 * is off here (pom.xml).
 */
class DnsRebindingTest {

    @Test
    void aForwardHostThatRebindsToLoopbackAfterTheCheckIsPostedToTheVettedAddressOnly() {
        OutputForwarder forwarder = new OutputForwarder(EgressPolicy.parse(RebindTargets.ALLOWED));
        try (RebindTargets targets = RebindTargets.start()) {
            String base = targets.rebind("forward.rebind.test");

            forwarder.forward(
                    base + "/out", new OutputForwarder.Payload("j", "e", "succeeded", 0, "out", "", null, 1L));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> targets.vetted().hits() + targets.loopback().hits() > 0);
            assertEquals(RebindTargets.VETTED_ONLY, targets.reached());
        }
    }

    @Test
    void theControllersClassPathResolvesThroughTheEgressPinsAndNothingElse() {
        // The shipped class path has no test resources: the pinning provider is the first there.
        List<String> providers = ServiceLoader.load(InetAddressResolverProvider.class).stream()
                .map(provider -> provider.type().getName())
                .toList();
        assertEquals(
                List.of(RebindingResolverProvider.class.getName(), EgressResolverProvider.class.getName()), providers);
    }
}
