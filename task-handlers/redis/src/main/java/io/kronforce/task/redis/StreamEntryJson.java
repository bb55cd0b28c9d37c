package io.kronforce.task.redis;

import java.util.Map;
import redis.clients.jedis.resps.StreamEntry;

/** One stream entry as a JSON line, {@code {"id":"1700000000000-0","fields":{"k":"v"}}}, for output rules. */
final class StreamEntryJson {

    private StreamEntryJson() {}

    static String render(StreamEntry entry) {
        StringBuilder out = new StringBuilder("{\"id\":");
        string(entry.getID().toString(), out);
        out.append(",\"fields\":{");
        boolean first = true;
        for (Map.Entry<String, String> field : entry.getFields().entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            string(field.getKey(), out);
            out.append(':');
            string(field.getValue(), out);
        }
        return out.append("}}").toString();
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
