package io.kronforce.controller.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The bytes of the Streamable HTTP transport: one JSON-RPC message of at most 1 MiB read from a
 * request body, and answers and errors written back as JSON or a one-event SSE stream. Kept apart
 * from {@link McpEndpoint} so the endpoint reads as the order of its transport checks, and every
 * refusal is framed the same way.
 */
final class McpHttp {
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private McpHttp() {}

    /** The body as JSON, or empty with the error already sent (413, or 400 with a parse error). */
    static Optional<JsonNode> parse(ServerRequest req, ServerResponse res) {
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                fail(res, 413, Rpc.INVALID_REQUEST, "message larger than " + MAX_BODY_BYTES + " bytes");
                return Optional.empty();
            }
            JsonNode node = Rpc.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                fail(res, 400, Rpc.PARSE_ERROR, "Parse error: empty body");
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (JsonProcessingException e) {
            fail(res, 400, Rpc.PARSE_ERROR, "Parse error: " + e.getOriginalMessage());
            return Optional.empty();
        } catch (IOException e) {
            fail(res, 400, Rpc.PARSE_ERROR, "Parse error: could not read the body");
            return Optional.empty();
        }
    }

    /** One answer, as JSON when the client accepts it, else as a one-event SSE stream. */
    static void reply(ServerResponse res, Accepts accepts, ObjectNode answer) {
        if (accepts.json()) {
            send(res, 200, "application/json", answer.toString());
        } else {
            res.header(HeaderNames.CACHE_CONTROL, "no-cache, no-transform");
            send(res, 200, "text/event-stream", "event: message\ndata: " + answer + "\n\n");
        }
    }

    static void fail(ServerResponse res, int status, int code, String message) {
        fail(res, status, null, code, message);
    }

    static void fail(ServerResponse res, int status, JsonNode id, int code, String message) {
        send(res, status, "application/json", Rpc.error(id, code, message).toString());
    }

    private static void send(ServerResponse res, int status, String type, String body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.send(body.getBytes(StandardCharsets.UTF_8));
    }
}
