package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

    @Test
    void measuresRoundTripsToTheLoopbackOkServer() throws Exception {
        try (OkServer server = new OkServer()) {
            HttpApi client = new HttpApi(URI.create(server.url()), null);
            LoadRunner.Result result = LoadRunner.run(
                    4,
                    Duration.ZERO,
                    Duration.ofMillis(300),
                    () -> "ok".equals(client.get("/ok").body()));
            assertTrue(result.ok() > 0, result::toString);
            assertEquals(0, result.errors(), result::toString);
            assertTrue(result.p50Ms() <= result.p99Ms(), result::toString);
            assertTrue(server.hits() >= result.ok(), result::toString);
        }
    }

    @Test
    void countsFailedCallsAsErrorsAndStopsByItself() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LoadRunner.Result result = LoadRunner.run(2, Duration.ZERO, Duration.ofMillis(100), () -> {
            Thread.sleep(1);
            return calls.incrementAndGet() % 2 == 0;
        });
        assertTrue(result.ok() > 0, result::toString);
        assertTrue(result.errors() > 0, result::toString);
        assertEquals(calls.get(), result.ok() + result.errors(), result::toString);
    }

    @Test
    void poolsWindowsTakenInTurnsIntoOneResult() {
        LoadRunner.Result pooled = LoadRunner.pooled(java.util.List.of(
                new LoadRunner.Window(new long[] {1_000_000, 3_000_000}, 1, 0.5),
                new LoadRunner.Window(new long[] {2_000_000}, 0, 1.0)));

        assertEquals(3, pooled.ok());
        assertEquals(1, pooled.errors());
        assertEquals(1.5, pooled.seconds(), 1e-9);
        assertEquals(2.0, pooled.perSecond(), 1e-9);
        assertEquals(2.0, pooled.p50Ms(), 1e-9);
    }
}
