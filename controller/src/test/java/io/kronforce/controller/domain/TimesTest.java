package io.kronforce.controller.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {

    @ParameterizedTest
    @CsvSource({
        "0, 1970-01-01T00:00:00.000Z",
        "1, 1970-01-01T00:00:00.001Z",
        "120, 1970-01-01T00:00:00.120Z",
        "1775001600000, 2026-04-01T00:00:00.000Z",
        "1775001600999, 2026-04-01T00:00:00.999Z",
        "1775001660500, 2026-04-01T00:01:00.500Z",
        "-1, 1969-12-31T23:59:59.999Z",
    })
    void formatsUtcWithMillisecondsAndZ(long epochMs, String expected) {
        assertEquals(expected, Times.format(epochMs));
    }

    @Test
    void formatsNullAsNull() {
        assertNull(Times.formatNullable(null));
        assertEquals("1970-01-01T00:00:01.000Z", Times.formatNullable(1000L));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-04-01T00:00:00Z, 2026-04-01T00:00:00Z",
        "2026-04-01T00:00:00.123Z, 2026-04-01T00:00:00.123Z",
        "2026-04-01T02:00:00+02:00, 2026-04-01T00:00:00Z",
        "2026-03-31T17:00:00-07:00, 2026-04-01T00:00:00Z",
        "2026-04-01T05:30:00.5+05:30, 2026-04-01T00:00:00.500Z",
    })
    void parsesAnyOffset(String text, String utc) {
        assertEquals(Optional.of(Instant.parse(utc).toEpochMilli()), Times.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-04-01", "2026-04-01T00:00:00", "yesterday", "2026-13-01T00:00:00Z"})
    void parsesNonTimestampsAsEmpty(String text) {
        assertEquals(Optional.empty(), Times.parse(text));
    }

    @Test
    void parsesNullAsEmpty() {
        assertEquals(Optional.empty(), Times.parse(null));
    }

    @Test
    void roundTripsFormatAndParse() {
        long ms = 1_775_001_234_567L;

        assertEquals(Optional.of(ms), Times.parse(Times.format(ms)));
    }
}
