package io.kronforce.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** A function-URL request runs only with a valid signature inside the five-minute window. */
class FunctionUrlHandlerTest {
    private static final String SECRET = "s3cret-for-the-function";
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final String BODY = "{\"execution_id\":\"e-fn\",\"job_id\":\"j-1\",\"task\":{\"type\":\"shell\","
            + "\"command\":\"echo via-url\"},\"timeout_secs\":30,\"callback_url\":null}";
    private final FunctionUrlHandler handler = new FunctionUrlHandler(
            Map.of("KRONFORCE_FUNCTION_SECRET", SECRET, "AWS_LAMBDA_FUNCTION_NAME", "kronforce-fn"),
            InstantSource.fixed(NOW));

    @Test
    void aSignedDispatchRunsAndItsResultIsTheAnswer() throws Exception {
        Map<String, Object> answer =
                handler.handleRequest(event(BODY, NOW.getEpochSecond(), sign(NOW.getEpochSecond(), BODY)), null);
        assertEquals(200, answer.get("statusCode"));
        JsonNode result = ControllerLink.JSON.readTree(answer.get("body").toString());
        assertEquals("succeeded", result.get("status").asText());
        assertEquals("via-url\n", result.get("stdout").asText());
        assertEquals("kronforce-fn", result.get("agent_id").asText());
    }

    @Test
    void aBase64BodyIsDecodedBeforeTheSignatureIsChecked() {
        Map<String, Object> event = event(
                Base64.getEncoder().encodeToString(BODY.getBytes(StandardCharsets.UTF_8)),
                NOW.getEpochSecond(),
                sign(NOW.getEpochSecond(), BODY));
        event.put("isBase64Encoded", true);
        assertEquals(200, handler.handleRequest(event, null).get("statusCode"));
    }

    @Test
    void aTamperedBodyAStaleTimestampOrNoSignatureIsRefusedWith401() {
        long ts = NOW.getEpochSecond();
        assertEquals(
                401,
                handler.handleRequest(event(BODY.replace("via-url", "rm -rf /"), ts, sign(ts, BODY)), null)
                        .get("statusCode"));
        long stale = ts - 301;
        assertEquals(
                401,
                handler.handleRequest(event(BODY, stale, sign(stale, BODY)), null)
                        .get("statusCode"));
        Map<String, Object> unsigned = event(BODY, ts, null);
        assertEquals(401, handler.handleRequest(unsigned, null).get("statusCode"));
        assertTrue(handler.handleRequest(unsigned, null).get("body").toString().contains("required"));
    }

    @Test
    void aSignedBodyThatIsNotADispatchIsRefusedWith400() {
        long ts = NOW.getEpochSecond();
        assertEquals(
                400,
                handler.handleRequest(event("{\"hello\":1}", ts, sign(ts, "{\"hello\":1}")), null)
                        .get("statusCode"));
        assertEquals(
                400,
                handler.handleRequest(event("not json", ts, sign(ts, "not json")), null)
                        .get("statusCode"));
    }

    @Test
    void withoutASecretTheFunctionDoesNotStart() {
        assertThrows(IllegalStateException.class, () -> new FunctionUrlHandler(Map.of(), InstantSource.fixed(NOW)));
    }

    private static Map<String, Object> event(String body, long ts, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("x-kronforce-timestamp", Long.toString(ts));
        if (signature != null) {
            headers.put("x-kronforce-signature", signature);
        }
        Map<String, Object> event = new HashMap<>();
        event.put("version", "2.0");
        event.put("headers", headers);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    private static String sign(long ts, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal((ts + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
