package io.kronforce.notifier.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.testkit.RecordingPeer;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads what a peer received as JSON, with a real parser, and checks the common request facts. */
final class PayloadAssertions {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PayloadAssertions() {}

    /** The single JSON POST the peer received. */
    static JsonNode singleJsonPost(RecordingPeer peer) {
        RecordingPeer.Recorded request = peer.single();
        assertEquals("POST", request.method());
        assertEquals("application/json", request.header("Content-Type"));
        return parse(request.body());
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("peer received invalid JSON: " + json, e);
        }
    }

    static void assertDelivered(Delivery delivery) {
        assertInstanceOf(Delivery.Delivered.class, delivery, () -> "not delivered: " + delivery);
    }
}
