package io.kronforce.notifier.http;

import io.kronforce.task.JsonText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON from maps, lists, strings, numbers, booleans and {@code null}: enough for webhook
 * payloads without pulling a JSON library into the SPI.
 */
public final class Json {

    private Json() {}

    /**
     * An ordered object from key/value pairs; pairs whose value is {@code null} are left out, so
     * optional members need no if-statements at the call site.
     */
    public static Map<String, Object> obj(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                object.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return object;
    }

    /** The JSON text of a value. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> JsonText.appendString(out, s);
            case Boolean b -> out.append(b);
            case Integer i -> out.append(i);
            case Long l -> out.append(l);
            case Number n -> out.append(n.toString());
            case Map<?, ?> map -> object(out, map);
            case List<?> list -> array(out, list);
            default -> JsonText.appendString(out, value.toString());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.appendString(out, String.valueOf(entry.getKey()));
            out.append(':');
            append(out, entry.getValue());
        }
        out.append('}');
    }

    private static void array(StringBuilder out, List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(out, list.get(i));
        }
        out.append(']');
    }
}
