package io.kronforce.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Multi-document YAML (rendered manifests) as JSON trees, and the schema check over files. */
final class Manifests {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {}

    static List<JsonNode> parse(String text) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser p = (YAMLParser) YAML.getFactory().createParser(text)) {
            var it = YAML.readValues(p, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode() && n.size() > 0) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }

    static Optional<JsonNode> find(List<JsonNode> docs, String kind, String nameSuffix) {
        return docs.stream()
                .filter(d -> d.path("kind").asText().equals(kind)
                        && d.path("metadata").path("name").asText().endsWith(nameSuffix))
                .findFirst();
    }

    static List<JsonNode> all(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    /** The Kubernetes, KEDA and prometheus-operator schema check (src/test/node/validate.mjs). */
    static Command validate(List<Path> files) {
        Path node = Path.of("src/test/node").toAbsolutePath();
        List<String> argv = new ArrayList<>(List.of("node", "validate.mjs"));
        files.forEach(f -> argv.add(f.toAbsolutePath().toString()));
        return Command.run(node, Map.of(), argv);
    }

    /** A deep merge of {@code over} into {@code base} (maps merge, everything else replaces). */
    static JsonNode merge(JsonNode base, JsonNode over) {
        if (!(base instanceof ObjectNode b) || !over.isObject()) {
            return over;
        }
        ObjectNode out = b.deepCopy();
        over.fields()
                .forEachRemaining(e -> out.set(
                        e.getKey(), out.has(e.getKey()) ? merge(out.get(e.getKey()), e.getValue()) : e.getValue()));
        return out;
    }
}
