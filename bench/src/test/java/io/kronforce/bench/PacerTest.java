package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void spacesTheSendsEvenlyFromTheStart() {
        Pacer pacer = new Pacer(1_000, 500);
        assertEquals(1_000, pacer.dueNanos(0));
        assertEquals(1_000 + 2_000_000, pacer.dueNanos(1));
        assertEquals(1_000 + 1_000_000_000, pacer.dueNanos(500));
    }

    @Test
    void aRateThatDoesNotDivideASecondDoesNotDrift() {
        Pacer pacer = new Pacer(0, 3);
        assertEquals(333_333_333, pacer.dueNanos(1));
        assertEquals(666_666_666, pacer.dueNanos(2));
        assertEquals(30L * 60 * 1_000_000_000, pacer.dueNanos(3L * 30 * 60));
    }

    @Test
    void countsTheSendsDueWithinAWindow() {
        assertEquals(900_000, new Pacer(0, 500).sendsWithin(Duration.ofMinutes(30)));
        assertEquals(2, new Pacer(0, 3).sendsWithin(Duration.ofMillis(500)));
        assertEquals(0, new Pacer(0, 3).sendsWithin(Duration.ZERO));
    }

    @Test
    void placesATimeInItsMinute() {
        Pacer pacer = new Pacer(5_000, 500);
        assertEquals(0, pacer.minuteOf(5_000));
        assertEquals(0, pacer.minuteOf(5_000 + 59_999_999_999L));
        assertEquals(1, pacer.minuteOf(5_000 + 60_000_000_000L));
        assertEquals(-1, pacer.minuteOf(4_999));
    }

    @Test
    void refusesARateBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new Pacer(0, 0));
    }
}
