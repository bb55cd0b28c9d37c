package io.kronforce.controller.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Which values of a JSON document are secrets (docs/reference/variables-and-secrets.md#which-values-are-secrets),
 * and the one walk that masks, seals or opens them. A connection type or a notification channel declares its
 * secret members as dotted paths ({@code password}, {@code headers.*}: {@code *} is any one member or index);
 * beyond the declaration, a member named like a secret ({@link #SECRET_NAME}) and every value under a
 * {@code headers} object are secrets wherever they sit, so a field a declaration forgot still never leaves in clear.
 * A document no one declares ({@link #undeclared()}) also counts members named {@code url} or {@code *_url}, which
 * carry credentials in user info, paths or queries. A secret member holding an object or an array makes every
 * string under it a secret. Only non-empty strings are secret values.
 */
public final class SecretFields {
    /** Member names that read as secrets wherever they appear. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|passphrase|secret|token|credential|authorization|auth_pass|private_key"
                    + "|connection_string|api_?key|(^|_)key)$|(?i)^(pass|pwd|auth)$");

    private static final Pattern URL_NAME = Pattern.compile("(?i)^(.*_)?url$");

    private final List<List<String>> paths;
    private final boolean urls;

    private SecretFields(List<List<String>> paths, boolean urls) {
        this.paths = paths;
        this.urls = urls;
    }

    /** The declared dotted paths, plus the secret-looking names and headers every document gets. */
    public static SecretFields declared(Collection<String> dotted) {
        List<List<String>> split = new ArrayList<>();
        dotted.forEach(p -> split.add(Arrays.asList(p.split("\\."))));
        return new SecretFields(List.copyOf(split), false);
    }

    /** For a document nobody declares: secret-looking names, headers, and URL members. */
    public static SecretFields undeclared() {
        return new SecretFields(List.of(), true);
    }

    /**
     * These fields with {@code more}'s declared paths put under {@code prefix} (e.g. an array index); an undeclared
     * {@code more} makes URL members secrets in the whole document.
     */
    public SecretFields with(String prefix, SecretFields more) {
        List<List<String>> all = new ArrayList<>(paths);
        for (List<String> p : more.paths) {
            List<String> under = new ArrayList<>(Arrays.asList(prefix.split("\\.")));
            under.addAll(p);
            all.add(List.copyOf(under));
        }
        return new SecretFields(List.copyOf(all), urls || more.urls);
    }

    /** What becomes of one secret value, given its dotted path ({@code headers.X-Api-Key}) in the document. */
    @FunctionalInterface
    public interface Replacer {
        String replace(String path, String value);
    }

    /** Replaces, in place, each secret value of {@code tree} with {@code f} of it; returns how many it replaced. */
    public int apply(JsonNode tree, UnaryOperator<String> f) {
        return apply(tree, (path, v) -> f.apply(v));
    }

    /** As {@link #apply(JsonNode, UnaryOperator)}, telling {@code f} where each value sits. */
    public int apply(JsonNode tree, Replacer f) {
        int[] count = {0};
        walk(tree, new ArrayList<>(), false, f, count);
        return count[0];
    }

    /** The secret values of {@code tree}, which is left as it is. */
    public List<String> values(JsonNode tree) {
        List<String> out = new ArrayList<>();
        apply(tree, (path, v) -> {
            out.add(v);
            return v;
        });
        return out;
    }

    /** A copy of {@code tree} with each secret value replaced by {@code mask}. */
    public <T extends JsonNode> T masked(T tree, String mask) {
        @SuppressWarnings("unchecked") // deepCopy returns the node's own type
        T copy = (T) tree.deepCopy();
        apply(copy, v -> mask);
        return copy;
    }

    /** Whether the member at {@code pointer} (a JSON pointer into a document) is a secret. */
    public boolean isSecretAt(String pointer) {
        List<String> segments = new ArrayList<>();
        for (String s : pointer.substring(pointer.startsWith("/") ? 1 : 0).split("/", -1)) {
            segments.add(s.replace("~1", "/").replace("~0", "~"));
        }
        for (int i = 1; i <= segments.size(); i++) {
            if (secret(segments.subList(0, i))) {
                return true;
            }
        }
        return false;
    }

    private void walk(JsonNode node, List<String> at, boolean secret, Replacer f, int[] count) {
        if (node instanceof ObjectNode object) {
            for (var member : object.properties()) {
                at.add(member.getKey());
                JsonNode v = member.getValue();
                boolean isSecret = secret || secret(at);
                if (isSecret && v.isTextual() && !v.asText().isEmpty()) {
                    member.setValue(TextNode.valueOf(f.replace(String.join(".", at), v.asText())));
                    count[0]++;
                } else {
                    walk(v, at, isSecret, f, count);
                }
                at.removeLast();
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                at.add(Integer.toString(i));
                JsonNode v = array.get(i);
                boolean isSecret = secret || secret(at);
                if (isSecret && v.isTextual() && !v.asText().isEmpty()) {
                    array.set(i, TextNode.valueOf(f.replace(String.join(".", at), v.asText())));
                    count[0]++;
                } else {
                    walk(v, at, isSecret, f, count);
                }
                at.removeLast();
            }
        }
    }

    private boolean secret(List<String> at) {
        String name = at.getLast();
        if (SECRET_NAME.matcher(name).matches()
                || (urls && URL_NAME.matcher(name).matches())) {
            return true;
        }
        if (at.size() >= 2 && at.get(at.size() - 2).toLowerCase(Locale.ROOT).equals("headers")) {
            return true;
        }
        for (List<String> p : paths) {
            if (matches(p, at)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> path, List<String> at) {
        if (path.size() != at.size()) {
            return false;
        }
        for (int i = 0; i < path.size(); i++) {
            if (!path.get(i).equals("*") && !path.get(i).equals(at.get(i))) {
                return false;
            }
        }
        return true;
    }
}
