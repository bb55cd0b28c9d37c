package io.kronforce.controller.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromFifteenSecondsUpToAnHour() {
        assertEquals(Duration.ofSeconds(15), Backoff.after(1, Optional.empty()));
        assertEquals(Duration.ofSeconds(30), Backoff.after(2, Optional.empty()));
        assertEquals(Duration.ofSeconds(120), Backoff.after(4, Optional.empty()));
        assertEquals(Duration.ofHours(1), Backoff.after(30, Optional.empty()));
    }

    @Test
    void retryAfterWinsWithinFloorAndCeiling() {
        assertEquals(Duration.ofSeconds(90), Backoff.after(1, Optional.of(Duration.ofSeconds(90))));
        assertEquals(Duration.ofSeconds(1), Backoff.after(5, Optional.of(Duration.ZERO)));
        assertEquals(Duration.ofHours(1), Backoff.after(1, Optional.of(Duration.ofDays(2))));
    }

    @Test
    void givesUpAfterEightAttempts() {
        assertFalse(Backoff.exhausted(7));
        assertTrue(Backoff.exhausted(8));
    }
}
