package io.kronforce.controller.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A JSON document (a settings value such as the notification channels, a connection's config) as a
 * dashboard sends it back: its secret members still show the mask, its other members carry the edits. Each masked
 * secret member gets the stored value at the same JSON path; the rest is the client's. The mask is
 * compared after JSON decoding, so a client that writes the bullets as {@code \\u2022} escapes is
 * understood as well as one that sends them raw — before, such a value was stored as the mask.
 */
final class MaskedMembers {
    private MaskedMembers() {}

    /**
     * The value to store for {@code key}: {@code sent} with every masked secret member taken from
     * {@code storedPlain} (the stored value, secrets opened), or {@code sent} as it is when it holds
     * no mask. A value that is not JSON is returned as it is.
     *
     * @param secrets the declaration of {@code key}'s secret members: only those may be sent masked
     * @throws KronforceException.InvalidInput when a mask is left that nothing stored can replace
     */
    static String merge(String key, String sent, Optional<String> storedPlain, SecretFields secrets) {
        Optional<JsonNode> tree = parse(sent);
        if (tree.isEmpty() || !holdsMask(tree.get(), Variables.MASK)) {
            return sent;
        }
        JsonNode stored = storedPlain.flatMap(MaskedMembers::parse).orElse(null);
        restore(tree.get(), stored, "", Variables.MASK, secrets, at -> stillMasked(key, at));
        try {
            return JsonMapping.MAPPER.writeValueAsString(tree.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serialises", e);
        }
    }

    /**
     * Puts back, in place, each secret member of {@code sent} that is exactly {@code mask} from {@code stored} at the
     * same JSON path ({@code path} is where {@code sent} sits in the document); a mask elsewhere, or one with no
     * stored text to take, is refused through {@code stillMasked} (given the member's pointer).
     */
    static void restore(
            JsonNode sent,
            JsonNode stored,
            String path,
            String mask,
            SecretFields secrets,
            Function<String, KronforceException> stillMasked) {
        if (sent instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                String at = path + "/" + member.getKey().replace("~", "~0").replace("/", "~1");
                member.setValue(restored(member.getValue(), stored, at, mask, secrets, stillMasked));
            }
        } else if (sent instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, restored(array.get(i), stored, path + "/" + i, mask, secrets, stillMasked));
            }
        }
    }

    private static JsonNode restored(
            JsonNode sent,
            JsonNode stored,
            String at,
            String mask,
            SecretFields secrets,
            Function<String, KronforceException> stillMasked) {
        if (!sent.isTextual() || !sent.asText().contains(mask)) {
            restore(sent, stored, at, mask, secrets, stillMasked);
            return sent;
        }
        JsonNode before = stored == null ? null : stored.at(at);
        if (!sent.asText().equals(mask) || !secrets.isSecretAt(at) || before == null || !before.isTextual()) {
            throw stillMasked.apply(at);
        }
        return TextNode.valueOf(before.asText());
    }

    /** {@code text} as a JSON object or array; empty when it is neither. */
    static Optional<JsonNode> parse(String text) {
        String t = text.strip();
        if (!t.startsWith("{") && !t.startsWith("[")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonMapping.MAPPER.readTree(t));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Whether any string in {@code node} contains {@code mask}. */
    static boolean holdsMask(JsonNode node, String mask) {
        if (node.isTextual()) {
            return node.asText().contains(mask);
        }
        for (JsonNode child : node) {
            if (holdsMask(child, mask)) {
                return true;
            }
        }
        return false;
    }

    private static KronforceException.InvalidInput stillMasked(String key, String at) {
        return new KronforceException.InvalidInput(
                "/" + key,
                "setting '" + key + "' member " + at
                        + " still contains a masked secret and no stored secret is there to keep; send the secret itself");
    }
}
