package io.kronforce.task.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.RebindTargets;
import io.kronforce.task.testkit.TestTaskContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The name resolves to the allowed address when the egress policy checks it and to 127.0.0.1
 * (refused) when the client connects: the request must reach the vetted server only. The test
 * resolver is registered in this module's test resources; the JDK's address cache is off here
 * (pom.xml), so the client's lookup truly reaches the resolver a second time.
 */
class DnsRebindingTest {

    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckStillReachesOnlyTheVettedAddress() throws Exception {
        HttpTaskHandler handler = new HttpTaskHandler(new HandlerSettings(EgressPolicy.parse(RebindTargets.ALLOWED)));
        try (RebindTargets targets = RebindTargets.start()) {
            String base = targets.rebind("http-task.rebind.test");
            TestTaskContext ctx = TestTaskContext.plain();

            TaskOutcome outcome = handler.run(new HttpTask("get", base + "/x", Map.of(), null, null, null), ctx);

            assertEquals(TaskOutcome.Succeeded.withExitCode(200), outcome);
            assertEquals("vetted", ctx.output().stdoutText());
            assertEquals(RebindTargets.VETTED_ONLY, targets.reached());
        }
    }
}
