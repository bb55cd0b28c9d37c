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
import java.util.Set;

/**
 * A settings value that is a JSON document (the notification channels) as a dashboard sends it
 * back: its secret members still show the mask, its other members carry the edits. Each masked
 * secret member gets the stored value at the same JSON path; the rest is the client's. The mask is
 * compared after JSON decoding, so a client that writes the bullets as {@code \\u2022} escapes is
 * understood as well as one that sends them raw — before, such a value was stored as the mask.
 */
final class MaskedMembers {
    /** Member names whose string values are secrets, wherever they appear in a settings document. */
    static final Set<String> SECRET_NAMES = Set.of(
            "password",
            "auth_pass",
            "token",
            "secret",
            "api_key",
            "routing_key",
            "auth_token",
            "url",
            "webhook_url",
            "Authorization",
            "authorization");

    private MaskedMembers() {}

    /**
     * The value to store for {@code key}: {@code sent} with every masked secret member taken from
     * {@code storedPlain} (the stored value, secrets opened), or {@code sent} as it is when it holds
     * no mask. A value that is not JSON is returned as it is.
     *
     * @throws KronforceException.InvalidInput when a mask is left that nothing stored can replace
     */
    static String merge(String key, String sent, Optional<String> storedPlain) {
        Optional<JsonNode> tree = parse(sent);
        if (tree.isEmpty() || !holdsMask(tree.get())) {
            return sent;
        }
        JsonNode stored = storedPlain.flatMap(MaskedMembers::parse).orElse(null);
        restore(key, tree.get(), stored, "");
        try {
            return JsonMapping.MAPPER.writeValueAsString(tree.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serialises", e);
        }
    }

    private static Optional<JsonNode> parse(String text) {
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

    private static boolean holdsMask(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().contains(Variables.MASK);
        }
        for (JsonNode child : node) {
            if (holdsMask(child)) {
                return true;
            }
        }
        return false;
    }

    private static void restore(String key, JsonNode node, JsonNode stored, String path) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                String at = path + "/" + member.getKey().replace("~", "~0").replace("/", "~1");
                if (member.getValue().isTextual() && member.getValue().asText().contains(Variables.MASK)) {
                    member.setValue(
                            storedSecret(key, member.getKey(), member.getValue().asText(), stored, at));
                } else {
                    restore(key, member.getValue(), stored, at);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual() && array.get(i).asText().contains(Variables.MASK)) {
                    throw stillMasked(key, path + "/" + i);
                }
                restore(key, array.get(i), stored, path + "/" + i);
            }
        }
    }

    private static JsonNode storedSecret(String key, String name, String sent, JsonNode stored, String at) {
        JsonNode before = stored == null ? null : stored.at(at);
        if (!sent.equals(Variables.MASK) || !SECRET_NAMES.contains(name) || before == null || !before.isTextual()) {
            throw stillMasked(key, at);
        }
        return TextNode.valueOf(before.asText());
    }

    private static KronforceException.InvalidInput stillMasked(String key, String at) {
        return new KronforceException.InvalidInput(
                "/" + key,
                "setting '" + key + "' member " + at
                        + " still contains a masked secret and no stored secret is there to keep; send the secret itself");
    }
}
