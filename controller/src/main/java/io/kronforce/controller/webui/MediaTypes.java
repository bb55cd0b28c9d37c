package io.kronforce.controller.webui;

import java.util.Map;

/** Content types by file extension; modules must be {@code text/javascript} or the browser refuses them. */
final class MediaTypes {
    private static final Map<String, String> BY_EXTENSION = Map.of(
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "svg", "image/svg+xml",
            "json", "application/json",
            "txt", "text/plain; charset=utf-8");

    private MediaTypes() {}

    static String of(String path) {
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1);
        return BY_EXTENSION.getOrDefault(ext, "application/octet-stream");
    }
}
