package io.kronforce.controller.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Request bodies in, JSON out. Every way a body can be bad ends as a 4xx here, never a 500. */
public final class JsonIo {
    public static final ObjectMapper MAPPER = JsonMapping.MAPPER;
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    /**
     * Trees go out exactly as {@link JsonNode#toString()} writes them (Jackson's default settings,
     * not {@link #MAPPER}'s), but straight to bytes: building the String and encoding it again was
     * the largest share of the garbage of a read such as {@code GET /api/jobs/{id}}. One difference,
     * on purpose: a lone surrogate (invalid UTF-16, which a JSON body can carry as an escape) goes
     * out as that escape, where the String's encoding replaced it with {@code ?}.
     */
    private static final ObjectWriter TREE_WRITER = JsonMapper.builder()
            .enable(
                    JsonWriteFeature
                            .COMBINE_UNICODE_SURROGATES_IN_UTF8) // as the String had it: an emoji as its UTF-8 bytes,
            // not two escapes
            .build()
            .writer();

    private JsonIo() {}

    /** The body as an object; an empty body is an empty object when {@code optional}. */
    public static ObjectNode object(ServerRequest req, boolean optional) {
        byte[] bytes = bytes(req);
        if (bytes.length == 0 && optional) {
            return MAPPER.createObjectNode();
        }
        requireJsonType(req);
        JsonNode node = parse(bytes);
        if (!node.isObject()) {
            throw new KronforceException.InvalidInput(
                    ProblemType.WRONG_SHAPE,
                    "request body must be a JSON object",
                    List.of(new KronforceException.FieldError("", "must be an object")));
        }
        return (ObjectNode) node;
    }

    public static ObjectNode object(ServerRequest req) {
        return object(req, false);
    }

    private static void requireJsonType(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new KronforceException.InvalidInput(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE, "expected Content-Type: application/json", List.of());
        }
    }

    private static byte[] bytes(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new KronforceException.InvalidInput(
                        ProblemType.PAYLOAD_TOO_LARGE,
                        "request body larger than " + MAX_BODY_BYTES + " bytes",
                        List.of());
            }
            return bytes;
        } catch (IOException e) {
            throw new KronforceException.InvalidInput(
                    ProblemType.MALFORMED_JSON, "could not read request body", List.of());
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new KronforceException.InvalidInput(
                        ProblemType.MALFORMED_JSON, "request body is empty", List.of());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new KronforceException.InvalidInput(
                    ProblemType.MALFORMED_JSON, "malformed JSON: " + e.getOriginalMessage(), List.of());
        } catch (IOException e) {
            throw new KronforceException.InvalidInput(ProblemType.MALFORMED_JSON, "malformed JSON", List.of());
        }
    }

    public static void send(ServerResponse res, Status status, Object body) {
        try {
            byte[] out = encode(body);
            res.status(status);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response does not serialise", e);
        }
    }

    /** The body as {@link #send} writes it: UTF-8 JSON. */
    static byte[] encode(Object body) throws JsonProcessingException {
        return body instanceof JsonNode n ? TREE_WRITER.writeValueAsBytes(n) : MAPPER.writeValueAsBytes(body);
    }

    public static void ok(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    public static void noContent(ServerResponse res) {
        res.status(Status.NO_CONTENT_204);
        res.send();
    }
}
