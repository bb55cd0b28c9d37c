package io.kronforce.controller.mcp;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The DNS-rebinding guard the transport asks for: a request without {@code Origin} (every
 * non-browser client) passes, a browser page on a loopback origin passes, and otherwise only the
 * origins of {@code KRONFORCE_CORS_ORIGINS} do ({@code *} there allows any, the operator's choice).
 */
final class Origins {
    private final Set<String> allowed;

    Origins(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    boolean allows(String origin) {
        if (origin == null || allowed.contains("*") || allowed.contains(origin)) {
            return true;
        }
        try {
            URI uri = new URI(origin);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return web && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
