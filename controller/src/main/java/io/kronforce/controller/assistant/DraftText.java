package io.kronforce.controller.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON object inside a model's answer, read as upstream reads it: the whole answer, else the
 * first fenced code block, else the text from the first {@code &#123;} to the last {@code &#125;}.
 * Anything else is {@code 422 ai-draft-invalid}: the model's answer is not a job.
 */
final class DraftText {
    private static final Pattern FENCED = Pattern.compile("```(?:json)?\\s*(.*?)```", Pattern.DOTALL);

    private DraftText() {}

    static ObjectNode parse(String answer) {
        return object(answer)
                .or(() -> fenced(answer))
                .or(() -> braces(answer))
                .orElseThrow(() -> new KronforceException.InvalidInput(
                        ProblemType.AI_DRAFT_INVALID, "the AI answer holds no JSON object", List.of()));
    }

    private static Optional<ObjectNode> fenced(String answer) {
        Matcher m = FENCED.matcher(answer);
        return m.find() ? object(m.group(1)) : Optional.empty();
    }

    private static Optional<ObjectNode> braces(String answer) {
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        return start >= 0 && end > start ? object(answer.substring(start, end + 1)) : Optional.empty();
    }

    private static Optional<ObjectNode> object(String text) {
        try {
            JsonNode node = JsonMapping.MAPPER.readTree(text.strip());
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
