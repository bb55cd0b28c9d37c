package io.kronforce.controller.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.TestController;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Many pollers of one agent race over real HTTP for a batch of queued items: every item is
 * handed out exactly once, whoever wins each claim.
 */
class ClaimRaceTest extends ControllerPerTest {
    private static final int POLLERS = 12;
    private static final int ITEMS = 30;

    @RepeatedTest(3)
    void nPollersClaimMItemsEachExactlyOnce() throws Exception {
        String agent = PullAgents.register(tc, "racer", List.of());
        String job = PullAgents.jobFor(tc, agent);
        Set<String> queued = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < ITEMS; i++) {
            queued.add(Api.trigger(tc, job));
        }
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(POLLERS);
        try {
            List<Future<?>> pollers = new ArrayList<>();
            for (int p = 0; p < POLLERS; p++) {
                pollers.add(pool.submit(() -> {
                    go.await();
                    while (true) {
                        TestController.Response r = PullAgents.next(tc, agent, 0);
                        if (r.status() == 204) {
                            return null;
                        }
                        assertEquals(200, r.status(), r::toString);
                        claimed.add(r.json().path("execution_id").asText());
                    }
                }));
            }
            go.countDown();
            for (Future<?> f : pollers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(ITEMS, claimed.size(), "claims in total: " + claimed);
        assertEquals(queued, Set.copyOf(claimed), "every queued item, each once");
        for (String id : queued) {
            assertTrue(
                    Set.of("running")
                            .contains(tc.read("/api/executions/" + id)
                                    .path("status")
                                    .asText()),
                    id);
        }
    }
}
