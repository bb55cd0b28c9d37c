package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.assistant.JobAssistant;
import io.kronforce.controller.web.BodyFields;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;

/**
 * {@code /api/ai}: the AI job builder's draft and the provider's model list. Both need the write
 * role, unlike upstream's any reader: a draft is for creating a job, and each call spends the
 * provider account's quota (docs/reference/differences.md row 9).
 */
final class AiEndpoint {
    private final JobAssistant assistant;

    AiEndpoint(JobAssistant assistant) {
        this.assistant = assistant;
    }

    void register(Routes routes) {
        routes.post("/api/ai/generate-job", WRITE, (req, res, who) -> {
                    JsonNode prompt = JsonIo.object(req).get("prompt");
                    if (prompt != null && !prompt.isNull() && !prompt.isTextual()) {
                        throw BodyFields.wrongType("prompt", "a string");
                    }
                    ObjectNode out = JsonIo.MAPPER.createObjectNode();
                    out.set("job", assistant.draft(prompt == null ? null : prompt.asText()));
                    JsonIo.ok(res, out);
                })
                .get("/api/ai/models", WRITE, (req, res, who) -> JsonIo.ok(res, assistant.models()));
    }
}
