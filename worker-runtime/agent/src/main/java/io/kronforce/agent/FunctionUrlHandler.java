package io.kronforce.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.kronforce.worker.host.HandlerCatalog;
import io.kronforce.worker.host.HostedRun;
import io.kronforce.worker.host.TaskHost;
import io.kronforce.worker.wire.ExecuteRequest;
import io.kronforce.worker.wire.ResultReport;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AWS Lambda entry point for the controller's {@code function} target through a Lambda function
 * URL ({@code io.kronforce.agent.FunctionUrlHandler::handleRequest}): the event is the function
 * URL's HTTP request, whose body is the signed dispatch (docs/WORKERS.md, HTTP functions). The
 * signature ({@code X-Kronforce-Signature}, HMAC-SHA256 keyed with {@code KRONFORCE_FUNCTION_SECRET}
 * over the timestamp, a dot and the body) is checked in constant time and the timestamp must be
 * within five minutes; then the run goes through the task host inside this invocation and the
 * answer is {@code 200} with the result report, which the controller records at once (no callback,
 * so the function holds no agent key). A refused request is answered {@code 401}; a body that is
 * not a dispatch {@code 400}.
 */
public final class FunctionUrlHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final TaskHost host;
    private final byte[] secret;
    private final InstantSource clock;
    private final String name;

    /** The constructor Lambda calls: settings from the function's environment. */
    public FunctionUrlHandler() {
        this(System.getenv(), InstantSource.system());
    }

    FunctionUrlHandler(Map<String, String> given, InstantSource clock) {
        Map<String, String> env = AgentSettings.withSecretFiles(given);
        String s = Optional.ofNullable(env.get("KRONFORCE_FUNCTION_SECRET"))
                .map(String::trim)
                .orElse("");
        if (s.isEmpty()) {
            throw new IllegalStateException(
                    "KRONFORCE_FUNCTION_SECRET is not set: the function cannot check signatures");
        }
        this.secret = s.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.name = Optional.ofNullable(env.get("KRONFORCE_AGENT_NAME"))
                .filter(n -> !n.isBlank())
                .orElseGet(() -> env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "lambda"));
        this.host = new TaskHost(
                HandlerCatalog.load(AgentSettings.handlerSettings(env)),
                InstantSource.system(),
                TaskHost.DEFAULT_OUTPUT_CAP_BYTES);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        byte[] body = body(event);
        Map<String, String> headers = headers(event.get("headers"));
        String refusal = refusal(headers.get("x-kronforce-timestamp"), headers.get("x-kronforce-signature"), body);
        if (refusal != null) {
            return answer(401, Map.of("error", "unauthorized", "detail", refusal));
        }
        ExecuteRequest request;
        try {
            request = ControllerLink.JSON.readValue(body, ExecuteRequest.class);
        } catch (java.io.IOException e) {
            return answer(
                    400, Map.of("error", "bad-request", "detail", "the body is not a dispatch: " + e.getMessage()));
        }
        if (request.executionId() == null || request.task() == null) {
            return answer(400, Map.of("error", "bad-request", "detail", "the dispatch needs execution_id and task"));
        }
        ResultReport report = host.run(HostedRun.from(request), name);
        return answer(200, report);
    }

    /** Why the request is refused, or null when its signature and timestamp hold. */
    private String refusal(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return "X-Kronforce-Timestamp and X-Kronforce-Signature are required";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "X-Kronforce-Timestamp is not Unix seconds";
        }
        if (Math.abs(clock.instant().getEpochSecond() - ts) > MAX_SKEW.toSeconds()) {
            return "X-Kronforce-Timestamp is more than five minutes from this function's clock";
        }
        byte[] expected = ("v1=" + sign(timestamp.trim(), body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
            return "signature mismatch";
        }
        return null;
    }

    private String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body(Map<String, Object> event) {
        Object b = event.get("body");
        if (b == null) {
            return new byte[0];
        }
        return Boolean.TRUE.equals(event.get("isBase64Encoded"))
                ? Base64.getDecoder().decode(b.toString())
                : b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Header names lower-cased (function URLs send them so; a test client may not). */
    private static Map<String, String> headers(Object raw) {
        Map<String, String> out = new java.util.HashMap<>();
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k).toLowerCase(Locale.ROOT), String.valueOf(v)));
        }
        return out;
    }

    private static Map<String, Object> answer(int status, Object body) {
        try {
            return Map.of(
                    "statusCode",
                    status,
                    "headers",
                    Map.of("Content-Type", "application/json"),
                    "body",
                    ControllerLink.JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
