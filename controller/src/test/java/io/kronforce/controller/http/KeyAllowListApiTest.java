package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import io.kronforce.controller.testing.TestController;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A key's CIDR allow-list, checked against the peer address of a real request on 127.0.0.1. */
class KeyAllowListApiTest extends SharedControllerTest {

    private String keyAllowedFrom(String... cidrs) {
        TestController.Response r = tc.post(
                "/api/keys",
                Role.ADMIN,
                Map.of("name", Jobs.uniqueName("net"), "role", "viewer", "ip_allowlist", List.of(cidrs)));
        assertEquals(200, r.status(), r::toString);
        return r.json().path("raw_key").asText();
    }

    @Test
    void aKeyRestrictedToNetworksWithoutTheCallerIsRefused() {
        String elsewhere = keyAllowedFrom("10.0.0.0/8", "192.168.1.7");

        JsonNode refused = assertProblem(tc.send("GET", "/api/jobs", elsewhere, null, null), 403);
        assertTrue(refused.path("error").asText().contains("127.0.0.1 not in allowlist"), refused::toString);
    }

    @Test
    void aKeyWhoseListHoldsTheCallerPasses() {
        assertEquals(
                200,
                tc.send("GET", "/api/jobs", keyAllowedFrom("10.0.0.0/8", "127.0.0.0/8"), null, null)
                        .status());
        assertEquals(
                200,
                tc.send("GET", "/api/jobs", keyAllowedFrom("127.0.0.1"), null, null)
                        .status());
    }
}
