package io.kronforce.task.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.testkit.RebindTargets;
import io.kronforce.task.testkit.TestTaskContext;
import org.junit.jupiter.api.Test;

/**
 * The SDK (URL-connection client) resolves the endpoint again when it connects; the name answers
 * the allowed address at the egress check and 127.0.0.1 afterwards: the request reaches the vetted
 * server only (which answers no S3, so the run fails; where it went is the point). The test
 * resolver is registered in this module's test resources; the JDK's address cache is off here
 * (pom.xml).
 */
class DnsRebindingTest {

    @Test
    void anEndpointThatRebindsToLoopbackAfterTheCheckIsReachedAtTheVettedAddressOnly() throws Exception {
        S3TaskHandler handler = new S3TaskHandler(new HandlerSettings(EgressPolicy.parse(RebindTargets.ALLOWED)));
        try (RebindTargets targets = RebindTargets.start()) {
            String endpoint = targets.rebind("s3.rebind.test");

            handler.run(
                    new S3Task(
                            "list", "logs", null, null, null, null, null, endpoint, null, null, "key", "secret", null,
                            null, null),
                    TestTaskContext.plain());

            assertEquals(RebindTargets.VETTED_ONLY, targets.reached());
        }
    }
}
