package io.kronforce.controller.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {
    @Test
    void aLowDescriptorLimitLowersTheCapBelowWhatAcceptWouldExhaust() {
        // ulimit -n 1024 with 100 open: 1024 - 100 - 256 reserved.
        assertEquals(668, ConnectionBudget.cap(1000, OptionalLong.of(1024), OptionalLong.of(100)));
    }

    @Test
    void aHighLimitKeepsTheConfiguredCap() {
        assertEquals(1000, ConnectionBudget.cap(1000, OptionalLong.of(1_048_576), OptionalLong.of(100)));
    }

    @Test
    void theReserveIsAQuarterOfALargeLimit() {
        // 1 % of 65536 open, a quarter (16384) reserved: 65536 - 655 - 16384.
        assertEquals(48_497, ConnectionBudget.cap(100_000, OptionalLong.of(65_536), OptionalLong.of(655)));
    }

    @Test
    void aStartStillServesAFewConnectionsUnderATinyLimit() {
        assertEquals(16, ConnectionBudget.cap(1000, OptionalLong.of(256), OptionalLong.of(100)));
    }

    @Test
    void anUnknownLimitKeepsTheConfiguredCap() {
        assertEquals(1000, ConnectionBudget.cap(1000, OptionalLong.empty(), OptionalLong.empty()));
    }
}
