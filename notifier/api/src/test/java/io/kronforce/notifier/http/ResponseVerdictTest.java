package io.kronforce.notifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.notifier.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseVerdictTest {

    private final Clock clock = Clock.systemUTC();

    @Test
    void twoHundredsAreDelivered() {
        assertInstanceOf(Delivery.Delivered.class, ResponseVerdict.of(202, Optional.empty(), "", "t", clock));
        assertInstanceOf(Delivery.Delivered.class, ResponseVerdict.of(204, Optional.empty(), null, "t", clock));
    }

    @Test
    void throttlingAndServerErrorsRetryHonouringRetryAfter() {
        Delivery d = ResponseVerdict.of(429, Optional.of("7"), "rate limited", "t", clock);
        assertEquals(
                Optional.of(Duration.ofSeconds(7)),
                assertInstanceOf(Delivery.RetryLater.class, d).retryAfter());
        assertInstanceOf(Delivery.RetryLater.class, ResponseVerdict.of(503, Optional.empty(), "", "t", clock));
        assertInstanceOf(Delivery.RetryLater.class, ResponseVerdict.of(408, Optional.empty(), "", "t", clock));
    }

    @Test
    void otherStatusesAreUndeliverableAndQuoteTheService() {
        Delivery d = ResponseVerdict.of(400, Optional.empty(), "invalid_payload\n", "https://hooks.slack.com/x", clock);
        String reason = assertInstanceOf(Delivery.Undeliverable.class, d).reason();
        assertTrue(reason.endsWith("answered 400: invalid_payload"), reason);
        assertInstanceOf(Delivery.Undeliverable.class, ResponseVerdict.of(302, Optional.empty(), "", "t", clock));
        assertInstanceOf(Delivery.Undeliverable.class, ResponseVerdict.of(404, Optional.of("5"), "", "t", clock));
    }
}
