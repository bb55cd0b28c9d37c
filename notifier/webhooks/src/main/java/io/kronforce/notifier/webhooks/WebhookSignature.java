package io.kronforce.notifier.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a generic webhook so the receiver can tell it came from us and was not replayed.
 *
 * <p>Headers: {@value #TIMESTAMP_HEADER}: the send time in Unix seconds;
 * {@value #SIGNATURE_HEADER}: {@code sha256=} and the lower-case hex HMAC-SHA256, keyed with the
 * destination's UTF-8 {@code secret}, of the string {@code <timestamp>.<raw request body>}.
 * Signing the timestamp with the body lets receivers refuse old deliveries (we suggest five
 * minutes) without a separate nonce store.
 */
final class WebhookSignature {

    static final String TIMESTAMP_HEADER = "X-Kronforce-Timestamp";
    static final String SIGNATURE_HEADER = "X-Kronforce-Signature";

    private WebhookSignature() {}

    /** The two headers for {@code body} sent at {@code now}. */
    static Map<String, String> headers(String secret, String body, Instant now) {
        String timestamp = Long.toString(now.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TIMESTAMP_HEADER, timestamp);
        headers.put(SIGNATURE_HEADER, "sha256=" + hmacHex(secret, timestamp + "." + body));
        return headers;
    }

    static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every JDK ships HmacSHA256 and accepts any non-empty key.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
