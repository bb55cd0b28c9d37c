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
}
