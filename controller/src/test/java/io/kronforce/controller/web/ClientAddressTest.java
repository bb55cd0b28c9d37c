package io.kronforce.controller.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code X-Forwarded-For} entries: IP literals only, so a forwarded value never costs a DNS lookup. */
class ClientAddressTest {

    @ParameterizedTest
    @CsvSource({"203.0.113.7, 203.0.113.7", "2001:db8::1, 2001:db8:0:0:0:0:0:1", "[2001:db8::2], 2001:db8:0:0:0:0:0:2"})
    void readsAddressLiterals(String entry, String address) {
        assertEquals(address, ClientAddress.literal(entry).getHostAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example", "deadbeef", "256.1.1.1", "203.0.113.7:8080", "unknown", "", "1.2.3"})
    void refusesAnythingElse(String entry) {
        assertNull(ClientAddress.literal(entry));
    }
}
