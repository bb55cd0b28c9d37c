package io.kronforce.controller.database;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads share a fixed pool of connections: a read beyond the pool waits for one to come back, and
 * gives up with "unavailable" after the busy timeout, so threads inside SQLite stay bounded.
 */
class ReadPoolTest {
    @TempDir
    Path dir;

    /** A thread that holds one pooled connection until {@code release} opens. */
    private static Thread holder(Database db, CountDownLatch inside, CountDownLatch release) {
        return Thread.ofPlatform()
                .start(() -> db.read(c -> {
                    inside.countDown();
                    try {
                        return release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
    }

    @Test
    void aReadBeyondThePoolWaitsUntilAConnectionComesBack() throws Exception {
        try (Database db = Database.open(new DatabaseSettings(dir.resolve("pool.db"), 2, Duration.ofSeconds(30)))) {
            CountDownLatch bothInside = new CountDownLatch(2);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            CountDownLatch releaseSecond = new CountDownLatch(1);
            Thread first = holder(db, bothInside, releaseFirst);
            Thread second = holder(db, bothInside, releaseSecond);
            assertTrue(bothInside.await(10, TimeUnit.SECONDS), "two reads hold the two connections");

            CountDownLatch thirdInside = new CountDownLatch(1);
            Thread third = Thread.ofPlatform()
                    .start(() -> db.read(c -> {
                        thirdInside.countDown();
                        return null;
                    }));
            // Parked waiting for a connection (or, were the pool unbounded, already through).
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> third.getState() == Thread.State.TIMED_WAITING || !third.isAlive());
            assertEquals(1, thirdInside.getCount(), "a third read got a connection while both were lent");

            releaseFirst.countDown();
            assertTrue(thirdInside.await(10, TimeUnit.SECONDS), "the returned connection goes to the waiting read");
            releaseSecond.countDown();
            for (Thread t : new Thread[] {first, second, third}) {
                t.join(10_000);
            }
        }
    }

    @Test
    void aReadThatFindsNoConnectionWithinTheBusyTimeoutIsRefused() throws Exception {
        try (Database db = Database.open(new DatabaseSettings(dir.resolve("pool.db"), 1, Duration.ofMillis(200)))) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holding = holder(db, inside, release);
            assertTrue(inside.await(10, TimeUnit.SECONDS));

            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> db.read(c -> 1));
            assertTrue(e.getMessage().contains("no read connection free"), e.getMessage());

            release.countDown();
            holding.join(10_000);
            assertEquals(Integer.valueOf(1), db.read(c -> 1), "the pool serves again once the connection is back");
        }
    }
}
